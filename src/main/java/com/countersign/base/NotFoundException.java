package com.countersign.base;

/** A record someone asked for by id does not exist (or no longer does). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
