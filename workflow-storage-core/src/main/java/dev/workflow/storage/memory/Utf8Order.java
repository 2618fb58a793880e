package dev.workflow.storage.memory;

import java.util.Comparator;

/**
 * The order of text under PostgreSQL's {@code "C"} collation, which the SQL backends sort ids by
 * where they break ties: UTF-8 byte order, which is code point order. Java's
 * {@link String#compareTo} compares UTF-16 units instead, and puts characters beyond U+FFFF
 * (surrogate pairs, D800 to DFFF) before U+E000 to U+FFFF.
 */
final class Utf8Order {

	static final Comparator<String> COMPARATOR = Utf8Order::compare;

	private Utf8Order() {
	}

	private static int compare(String left, String right) {
		int i = 0;
		int j = 0;
		while (i < left.length() && j < right.length()) {
			int a = left.codePointAt(i);
			int b = right.codePointAt(j);
			if (a != b) {
				return Integer.compare(a, b);
			}
			i += Character.charCount(a);
			j += Character.charCount(b);
		}
		return Boolean.compare(i < left.length(), j < right.length());
	}

}
