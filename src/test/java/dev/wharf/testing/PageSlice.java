package dev.wharf.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.wharf.access.AccessPages;
import dev.wharf.access.AccessPolicy;
import dev.wharf.access.HostScope;
import dev.wharf.access.Permission;
import dev.wharf.access.Role;
import dev.wharf.audit.AuditTrail;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.ProblemResponses;
import java.util.List;
import java.util.UUID;
import org.mockito.Mockito;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What a {@code @WebMvcTest} slice of a console page needs around its controllers: the console's real
 * security chains (form sign-in, CSRF, the Content-Security-Policy), found by name because
 * {@code access.SecurityConfiguration} is the access module's own, with the access module's stores
 * replaced by mocks (a slice has no database), and mocks of what the page layout and the other modules'
 * advice and interceptors ask for (a slice includes every one of them). A module that adds such a bean
 * adds it here. The slice mocks {@link AccessPolicy} and {@link VisibleHosts};
 * {@link #signedInAs} makes them answer as a built-in role bound globally would, so a page shows each
 * role what the real policy would let it see and do.
 */
@TestConfiguration
@ComponentScan(basePackages = "dev.wharf.access", useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.wharf\\.access\\.SecurityConfiguration"))
@Import(ProblemResponses.class)
public class PageSlice {

    /**
     * The access module's package-private beans the security chains and every page's layout are built with
     * (its stores, who may see the Audit page): mocks, by class name.
     */
    private static final List<String> ACCESS_STORES = List.of("dev.wharf.access.AccessGrants", "dev.wharf.access.SignInThrottle",
            "dev.wharf.access.ApiTokenStore", "dev.wharf.access.SignInAudit", "dev.wharf.access.AuditVisibility");

    @Bean
    static BeanDefinitionRegistryPostProcessor accessStoresAsMocks() {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                for (String name : ACCESS_STORES) {
                    registry.registerBeanDefinition(name, mockOf(name));
                }
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
        };
    }

    @Bean
    UserDetailsService users() {
        return Mockito.mock(UserDetailsService.class);
    }

    /** What the trail's safety net (access.UnrecordedChanges) writes to: nothing, in a slice. */
    @Bean
    AuditTrail auditTrail() {
        return Mockito.mock(AuditTrail.class);
    }

    /** The layout's Access entry, which a mock leaves out. */
    @Bean("accessPages")
    AccessPages accessPages() {
        return Mockito.mock(AccessPages.class);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RootBeanDefinition mockOf(String className) {
        try {
            Class type = Class.forName(className);
            return new RootBeanDefinition(type, () -> Mockito.mock(type));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The access module has no " + className + " any more: update PageSlice", e);
        }
    }

    /**
     * Makes the mocked policy answer as {@code role} bound globally: {@code may} and {@code require} by the
     * role's permissions, {@code VisibleHosts} showing every host in {@code hosts} (404 for any other), and
     * a 403 where the role lacks the permission. Returns the request's signed-in user.
     */
    public static RequestPostProcessor signedInAs(Role role, AccessPolicy access, VisibleHosts visible, RegisteredHost... hosts) {
        lenient().when(access.may(any(), any(), any())).thenAnswer(call -> role.permissions().contains(call.getArgument(1)));
        lenient().when(access.maySomewhere(any(), any())).thenAnswer(call -> role.permissions().contains(call.getArgument(1)));
        lenient().doAnswer(call -> {
            if (!role.permissions().contains(call.<Permission>getArgument(1))) {
                throw new AccessDeniedException("Missing permission " + call.<Permission>getArgument(1).key());
            }
            return null;
        }).when(access).require(any(), any(), any(HostScope.class));
        lenient().when(visible.all(any())).thenReturn(List.of(hosts));
        lenient().when(visible.matching(any(), any(), any(), any())).thenAnswer(call -> {
            Permission permission = call.getArgument(1);
            String host = call.getArgument(2);
            String group = call.getArgument(3);
            return List.of(hosts).stream().filter(h -> role.permissions().contains(permission))
                    .filter(h -> host == null || host.isBlank() || host.equals(h.id().toString()) || host.equals(h.name()))
                    .filter(h -> group == null || group.isBlank() || group.equals(h.group())).toList();
        });
        lenient().when(visible.require(any(Authentication.class), any(UUID.class), any(Permission.class))).thenAnswer(call -> {
            UUID id = call.getArgument(1);
            Permission permission = call.getArgument(2);
            RegisteredHost host = List.of(hosts).stream().filter(h -> h.id().equals(id)).findFirst()
                    .orElseThrow(() -> new NotFoundException("No host " + id));
            if (!role.permissions().contains(permission)) {
                throw new AccessDeniedException("Missing permission " + permission.key());
            }
            return host;
        });
        return user(role.name()).roles();
    }
}
