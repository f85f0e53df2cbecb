package dev.wharf.web;

/**
 * Input a feature refuses, naming the field at fault: a 400 in the API (with {@code field} in the
 * problem), a message next to the field on a page. Nothing was changed.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field name, for showing next to the field. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
