package dev.workflow.storage.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One parameter as the driver received it: the setter called ({@code setString},
 * {@code setObject}, {@code setNull}...) and its arguments after the index, so it can be bound
 * again, the same way, to another statement.
 *
 * @param index the parameter's index, from 1
 * @param setter the {@link PreparedStatement} method that bound it
 * @param arguments the setter's arguments after the index; a {@link java.sql.Array} is kept as an
 * {@link ArrayValue}, because the driver's array belongs to the recording connection
 */
public record BoundParameter(int index, Method setter, List<Object> arguments) {

	static BoundParameter of(Method setter, Object[] args) throws SQLException {
		List<Object> arguments = new ArrayList<>(args.length - 1);
		for (int i = 1; i < args.length; i++) {
			arguments.add((args[i] instanceof Array array) ? ArrayValue.of(array) : args[i]);
		}
		// List.copyOf refuses nulls, and setObject(i, null) is a binding like any other.
		return new BoundParameter((Integer) args[0], setter, Collections.unmodifiableList(arguments));
	}

	/**
	 * Binds this parameter to {@code statement} with the same setter and arguments.
	 * @param statement a statement of the same SQL, on any connection
	 * @throws SQLException if the driver refuses it
	 */
	public void bindTo(PreparedStatement statement) throws SQLException {
		Object[] args = new Object[this.arguments.size() + 1];
		args[0] = this.index;
		for (int i = 0; i < this.arguments.size(); i++) {
			Object argument = this.arguments.get(i);
			args[i + 1] = (argument instanceof ArrayValue array) ? array.createOn(statement.getConnection()) : argument;
		}
		try {
			this.setter.invoke(statement, args);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InvocationTargetException ex) {
			if (ex.getTargetException() instanceof SQLException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getTargetException());
		}
	}

	@Override
	public String toString() {
		return "$" + this.index + " = " + this.setter.getName() + "("
				+ this.arguments.stream().map(BoundParameter::describe).collect(Collectors.joining(", ")) + ")";
	}

	private static String describe(Object argument) {
		return (argument instanceof String text) ? "'" + text + "'" : String.valueOf(argument);
	}

	/**
	 * A bound array's base type and elements.
	 *
	 * @param baseTypeName the element type, such as {@code text}
	 * @param elements the elements
	 */
	public record ArrayValue(String baseTypeName, List<Object> elements) {

		static ArrayValue of(Array array) throws SQLException {
			return new ArrayValue(array.getBaseTypeName(), Arrays.asList((Object[]) array.getArray()));
		}

		Array createOn(Connection connection) throws SQLException {
			return connection.createArrayOf(this.baseTypeName, this.elements.toArray());
		}

		@Override
		public String toString() {
			return this.baseTypeName + this.elements;
		}

	}

}
