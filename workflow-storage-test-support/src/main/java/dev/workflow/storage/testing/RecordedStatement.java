package dev.workflow.storage.testing;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A statement sent through a {@link StatementRecordingDataSource}: its SQL and, for a prepared
 * statement, the parameters last bound to it.
 */
public final class RecordedStatement {

	private final String sql;

	private final Map<Integer, BoundParameter> parameters = new ConcurrentSkipListMap<>();

	RecordedStatement(String sql) {
		this.sql = sql;
	}

	private RecordedStatement(String sql, List<BoundParameter> parameters) {
		this.sql = sql;
		parameters.forEach(this::bound);
	}

	public String sql() {
		return this.sql;
	}

	/**
	 * The bound parameters, by index.
	 * @return the parameters
	 */
	public List<BoundParameter> parameters() {
		return List.copyOf(this.parameters.values());
	}

	/**
	 * Binds the recorded parameters to {@code statement}, as the driver received them.
	 * @param statement a statement whose SQL takes the same parameters (such as this SQL behind
	 * {@code EXPLAIN})
	 * @throws SQLException if the driver refuses one
	 */
	public void bindTo(PreparedStatement statement) throws SQLException {
		for (BoundParameter parameter : this.parameters.values()) {
			parameter.bindTo(statement);
		}
	}

	/**
	 * The statements this text holds, each with its own parameters numbered from 1: this one for
	 * most, several for statements sent in one text ({@code SELECT ...;\nINSERT ...}), which
	 * {@code EXPLAIN} takes only one at a time. The text is split at each {@code ;} outside quotes,
	 * quoted identifiers, dollar quotes and comments, and each part takes as many parameters as it
	 * holds {@code ?} placeholders there ({@code ??} being the driver's escaped {@code ?}).
	 * @return the statements, in order; none for a text of nothing but separators and comments
	 */
	public List<RecordedStatement> statements() {
		List<RecordedStatement> statements = new ArrayList<>();
		int taken = 0;
		for (SqlPart part : SqlPart.split(this.sql)) {
			List<BoundParameter> own = new ArrayList<>(part.placeholders());
			for (int index = 1; index <= part.placeholders(); index++) {
				BoundParameter parameter = this.parameters.get(taken + index);
				if (parameter != null) {
					own.add(new BoundParameter(index, parameter.setter(), parameter.arguments()));
				}
			}
			taken += part.placeholders();
			if (!part.isBlank()) {
				statements.add(new RecordedStatement(part.sql(), own));
			}
		}
		return statements;
	}

	void bound(BoundParameter parameter) {
		this.parameters.put(parameter.index(), parameter);
	}

	void parametersCleared() {
		this.parameters.clear();
	}

	@Override
	public String toString() {
		return this.sql + (this.parameters.isEmpty() ? "" : "\n  with " + parameters());
	}

	/**
	 * One statement of a text, and how many {@code ?} placeholders it holds.
	 *
	 * @param sql the statement's text, without its {@code ;}
	 * @param placeholders how many parameters it takes
	 * @param isBlank whether it holds nothing but white space and comments
	 */
	private record SqlPart(String sql, int placeholders, boolean isBlank) {

		// Scans the text as the PostgreSQL driver does when it looks for placeholders and for the
		// ends of statements: nothing inside '...', E'...', "...", $tag$...$tag$, -- or /* */ counts.
		static List<SqlPart> split(String text) {
			List<SqlPart> parts = new ArrayList<>();
			int start = 0;
			int placeholders = 0;
			boolean blank = true;
			int i = 0;
			while (i < text.length()) {
				char c = text.charAt(i);
				String dollarTag = (c == '$') ? dollarTag(text, i) : null;
				boolean comment = text.startsWith("--", i) || text.startsWith("/*", i);
				int next = i + 1;
				if (c == '\'' || c == '"') {
					next = endOfQuoted(text, i, c, c == '\'' && isEscapeString(text, i));
				}
				else if (text.startsWith("--", i)) {
					next = endOfLineComment(text, i);
				}
				else if (text.startsWith("/*", i)) {
					next = endOfBlockComment(text, i);
				}
				else if (dollarTag != null) {
					int close = text.indexOf(dollarTag, i + dollarTag.length());
					next = (close < 0) ? text.length() : close + dollarTag.length();
				}
				else if (text.startsWith("??", i)) {
					// The driver's escape of a literal ? (a jsonb operator): no placeholder.
					next = i + 2;
				}
				else if (c == '?') {
					placeholders++;
				}
				else if (c == ';') {
					parts.add(new SqlPart(text.substring(start, i).strip(), placeholders, blank));
					start = next;
					placeholders = 0;
					blank = true;
					i = next;
					continue;
				}
				blank &= comment || Character.isWhitespace(c);
				i = next;
			}
			parts.add(new SqlPart(text.substring(start).strip(), placeholders, blank));
			return parts;
		}

		// A ' right after a lone E (not the end of a longer name) opens a string with backslash escapes.
		private static boolean isEscapeString(String text, int quote) {
			return quote > 0 && (text.charAt(quote - 1) == 'E' || text.charAt(quote - 1) == 'e')
					&& (quote == 1 || !Character.isLetterOrDigit(text.charAt(quote - 2)) && text.charAt(quote - 2) != '_');
		}

		private static int endOfQuoted(String text, int open, char quote, boolean backslashEscapes) {
			int i = open + 1;
			while (i < text.length()) {
				char c = text.charAt(i);
				if (backslashEscapes && c == '\\') {
					i += 2;
				}
				else if (c == quote && text.startsWith(String.valueOf(quote).repeat(2), i)) {
					i += 2;
				}
				else if (c == quote) {
					return i + 1;
				}
				else {
					i++;
				}
			}
			return text.length();
		}

		private static int endOfLineComment(String text, int open) {
			int end = text.indexOf('\n', open);
			return (end < 0) ? text.length() : end + 1;
		}

		// PostgreSQL's block comments nest.
		private static int endOfBlockComment(String text, int open) {
			int depth = 0;
			int i = open;
			while (i < text.length()) {
				if (text.startsWith("/*", i)) {
					depth++;
					i += 2;
				}
				else if (text.startsWith("*/", i)) {
					depth--;
					i += 2;
					if (depth == 0) {
						return i;
					}
				}
				else {
					i++;
				}
			}
			return text.length();
		}

		// $$ or $tag$ where tag is an identifier, not preceded by an identifier character ($1 is no tag).
		private static String dollarTag(String text, int dollar) {
			if (dollar > 0 && (Character.isLetterOrDigit(text.charAt(dollar - 1)) || text.charAt(dollar - 1) == '_')) {
				return null;
			}
			int i = dollar + 1;
			while (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_'
					|| (i > dollar + 1 && Character.isDigit(text.charAt(i))))) {
				i++;
			}
			return (i < text.length() && text.charAt(i) == '$') ? text.substring(dollar, i + 1) : null;
		}

	}

}
