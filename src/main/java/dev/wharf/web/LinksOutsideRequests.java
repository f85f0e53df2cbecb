package dev.wharf.web;

import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * Lets fragments that the live stream renders on its own threads, outside any request, use the same
 * {@code @{/...}} links as the pages: such links get the servlet context path from the configuration
 * instead of from a request. Inside requests, Thymeleaf's own behaviour is unchanged.
 */
@Configuration(proxyBeanMethods = false)
class LinksOutsideRequests {

    @Bean
    static BeanPostProcessor linkBuilderForStreams(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof SpringTemplateEngine engine) {
                    String contextPath = environment.getProperty("server.servlet.context-path", "");
                    engine.setLinkBuilder(new ContextPathLinks(contextPath.equals("/") ? "" : contextPath));
                }
                return bean;
            }
        };
    }

    private static final class ContextPathLinks extends StandardLinkBuilder {

        private final String contextPath;

        ContextPathLinks(String contextPath) {
            this.contextPath = contextPath;
        }

        @Override
        protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
            return context instanceof IWebContext ? super.computeContextPath(context, base, parameters) : contextPath;
        }
    }
}
