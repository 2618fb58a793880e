package dev.workflow.storage.dashboard.autoconfigure;

import java.time.Duration;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.dashboard.DashboardSettings;
import dev.workflow.storage.dashboard.WorkflowStorageDashboard;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the dashboard is defined: in a servlet web application with Spring MVC and one (or a
 * primary) storage, unless switched off, and with the application's own beans winning.
 */
class WorkflowStorageDashboardAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkflowStorageDashboardAutoConfiguration.class));

	@Test
	void whenAServletApplicationHasAStorageShouldServeTheDashboardWithTheDefaults() {
		this.runner.withBean(WorkflowStorage.class, InMemoryWorkflowStorage::new).run((context) -> {
			assertThat(context).hasSingleBean(WorkflowStorageDashboard.class);
			DashboardSettings settings = context.getBean(WorkflowStorageDashboard.class).settings();
			assertThat(settings).isEqualTo(new DashboardSettings("/workflows", true, Duration.ofSeconds(2)));
			assertThat(context.getBeansOfType(RouterFunction.class)).containsOnlyKeys("workflowStorageDashboard");
		});
	}

	@Test
	void whenTheStarterDefinesTheStorageShouldServeTheDashboardOverIt() {
		this.runner.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class))
			.withPropertyValues("pyworkflow.storage.type=memory")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WorkflowStorage.class)
				.hasSingleBean(WorkflowStorageDashboard.class));
	}

	@Test
	void whenPropertiesAreSetShouldUseThem() {
		this.runner.withBean(WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.withPropertyValues("pyworkflow.storage.dashboard.path=/ops/runs/",
					"pyworkflow.storage.dashboard.read-only=false", "pyworkflow.storage.dashboard.refresh-interval=500ms")
			.run((context) -> assertThat(context.getBean(WorkflowStorageDashboard.class).settings())
				.isEqualTo(new DashboardSettings("/ops/runs", false, Duration.ofMillis(500))));
	}

	@Test
	void whenThePathIsNotOneTheDashboardTakesShouldFailNamingIt() {
		this.runner.withBean(WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.withPropertyValues("pyworkflow.storage.dashboard.path=/work flows")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("\"/work flows\""));
	}

	@Test
	void whenDisabledShouldNotServeTheDashboard() {
		this.runner.withBean(WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.withPropertyValues("pyworkflow.storage.dashboard.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowStorageDashboard.class)
				.doesNotHaveBean(DashboardSettings.class));
	}

	@Test
	void whenTheApplicationIsNotAWebApplicationShouldNotServeTheDashboard() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WorkflowStorageDashboardAutoConfiguration.class))
			.withBean(WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WorkflowStorageDashboard.class));
	}

	@Test
	void whenTheApplicationIsAReactiveWebApplicationShouldNotServeTheDashboard() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WorkflowStorageDashboardAutoConfiguration.class))
			.withBean(WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WorkflowStorageDashboard.class));
	}

	@Test
	void whenSpringMvcIsMissingShouldNotServeTheDashboard() {
		this.runner.withBean(WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.withClassLoader(new FilteredClassLoader(RouterFunction.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WorkflowStorageDashboard.class));
	}

	@Test
	void whenThereIsNoStorageShouldNotServeTheDashboard() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WorkflowStorageDashboard.class));
	}

	@Test
	void whenThereAreTwoStoragesAndNoneIsPrimaryShouldNotServeTheDashboard() {
		this.runner.withBean("one", WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.withBean("two", WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WorkflowStorageDashboard.class));
	}

	@Test
	void whenOneOfTwoStoragesIsPrimaryShouldServeTheDashboard() {
		this.runner.withBean("one", WorkflowStorage.class, InMemoryWorkflowStorage::new, (bean) -> bean.setPrimary(true))
			.withBean("two", WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.run((context) -> assertThat(context).hasSingleBean(WorkflowStorageDashboard.class));
	}

	@Test
	void whenTheApplicationDefinesADashboardShouldBackOff() {
		WorkflowStorage storage = new InMemoryWorkflowStorage();
		WorkflowStorageDashboard own = new WorkflowStorageDashboard(storage, DashboardSettings.defaults().withPath("/mine"));
		this.runner.withBean(WorkflowStorage.class, () -> storage)
			.withBean(WorkflowStorageDashboard.class, () -> own)
			.run((context) -> assertThat(context.getBean(WorkflowStorageDashboard.class)).isSameAs(own));
	}

	@Test
	void whenTheApplicationDefinesSettingsShouldServeWithThem() {
		DashboardSettings own = DashboardSettings.defaults().withPath("/runs-admin").withReadOnly(false);
		this.runner.withBean(WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.withBean(DashboardSettings.class, () -> own)
			.run((context) -> assertThat(context.getBean(WorkflowStorageDashboard.class).settings()).isSameAs(own));
	}

}
