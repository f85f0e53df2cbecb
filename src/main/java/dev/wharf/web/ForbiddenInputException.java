package dev.wharf.web;

/**
 * Input that is well formed but that this caller may not give here (a setting the host's policy does
 * not allow): 403, with {@code field} naming it. Nothing was changed.
 */
public class ForbiddenInputException extends InvalidInputException {

    public ForbiddenInputException(String field, String message) {
        super(field, message);
    }
}
