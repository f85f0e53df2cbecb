package dev.wharf.web;

/** A change that collides with what exists (a duplicate name, a second of a kind allowed once): 409. */
public class ConflictException extends InvalidInputException {

    public ConflictException(String field, String message) {
        super(field, message);
    }
}
