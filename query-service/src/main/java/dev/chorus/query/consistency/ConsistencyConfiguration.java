package dev.chorus.query.consistency;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ConsistencyConfiguration implements WebMvcConfigurer {

    private final ConsistencyWait wait;

    ConsistencyConfiguration(ConsistencyWait wait) {
        this.wait = wait;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ConsistencyTokenInterceptor(wait)).addPathPatterns("/api/**");
    }

    /** Documents the header on every API operation, since the interceptor applies it to all of them. */
    @Bean
    OperationCustomizer consistencyTokenHeader() {
        return (operation, handlerMethod) -> operation.addParametersItem(new HeaderParameter()
                .name(ConsistencyTokenInterceptor.HEADER)
                .required(false)
                .description("A token returned by a write: the read waits (bounded) until it includes that"
                        + " write, else answers 503 with Retry-After. Without it the read never waits.")
                .schema(new StringSchema()));
    }
}
