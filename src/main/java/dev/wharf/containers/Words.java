package dev.wharf.containers;

import dev.wharf.web.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line as a person types it into the create form, split into its arguments the way a POSIX
 * shell would for the plain cases: spaces separate, single quotes keep everything, double quotes keep
 * everything but {@code \"} and {@code \\}, a backslash outside quotes keeps the next character. Nothing
 * is expanded: there is no shell behind it.
 */
final class Words {

    private Words() {}

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new InvalidInputException("command", "has a " + (quote == '"' ? "double" : "single") + " quote that is not closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
