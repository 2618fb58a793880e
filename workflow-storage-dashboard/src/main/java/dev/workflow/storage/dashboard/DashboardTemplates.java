package dev.workflow.storage.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The dashboard's own Thymeleaf engine over the templates inside this jar, rendering pages into
 * strings: the application's view resolvers, template locations and Thymeleaf settings (if it
 * has any) are neither used nor changed. Every stored value reaches a page through
 * {@code th:text} or an attribute, which Thymeleaf escapes.
 */
final class DashboardTemplates {

	static final String LOCATION = "META-INF/workflow-storage-dashboard/templates/";

	private final TemplateEngine engine;

	DashboardTemplates() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(
				DashboardTemplates.class.getClassLoader());
		resolver.setPrefix(LOCATION);
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCacheable(true);
		SpringTemplateEngine springEngine = new SpringTemplateEngine();
		springEngine.setTemplateResolver(resolver);
		springEngine.setEnableSpringELCompiler(true);
		this.engine = springEngine;
	}

	/**
	 * Renders a whole page.
	 * @param template the template's name, such as {@code runs}
	 * @param model the values it reads
	 * @return the HTML
	 */
	String page(String template, Map<String, Object> model) {
		return this.engine.process(template, new Context(Locale.ROOT, model));
	}

	/**
	 * Renders one fragment of a template, as a live page swaps it in.
	 * @param template the template's name
	 * @param fragment the fragment's name
	 * @param model the values it reads
	 * @return the HTML of the fragment
	 */
	String fragment(String template, String fragment, Map<String, Object> model) {
		return this.engine.process(template, Set.of(fragment), new Context(Locale.ROOT, model));
	}

}
