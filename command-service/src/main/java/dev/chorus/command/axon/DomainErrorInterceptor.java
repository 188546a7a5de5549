package dev.chorus.command.axon;

import dev.chorus.web.ChorusException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Turns a rule violation into a {@link CommandExecutionException} whose details are the
 * serializable {@link dev.chorus.web.ChorusError}, the form that survives any command bus (also a
 * distributed one). {@link dev.chorus.command.api.CommandDispatcher} turns it back into the
 * exception, which the web layer maps to HTTP once.
 */
public final class DomainErrorInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (ChorusException e) {
            throw new CommandExecutionException(e.getMessage(), null, e.toError());
        }
    }
}
