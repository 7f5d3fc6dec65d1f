package io.savepoint.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Applies {@link TextInput}'s rules to request bodies read as text or JSON (a String, a JSON tree or a DTO); streamed
 * bodies (InputStream: blob and clip bytes) are data, not text, and pass untouched. Text bodies here are small (the
 * largest is an initial upload request), so reading one whole before its parser does costs little.
 */
@Provider
public class TextBodyInterceptor implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        Class<?> type = context.getType();
        if (InputStream.class.isAssignableFrom(type) || type == byte[].class) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        TextInput.checkBody(body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
