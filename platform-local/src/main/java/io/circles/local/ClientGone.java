package io.circles.local;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.Pipe;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Lets a client hang up in the middle of a proxied answer quietly. The proxy pipes the upstream body into the client's
 * response and, when a write fails because the client closed its connection, resets that response from inside the
 * failed write's own listener; the reset writes to the channel again while Netty is still releasing the first write's
 * buffers, and each such hang-up printed an {@code IllegalReferenceCountException} (refCnt: 0, decrement: 1) after
 * "Failed to mark a promise as failure". This interceptor hands a body whose pipe reports write failures one event-loop
 * turn later, outside Netty's write: the reset then finds the connection closed and does nothing. Answers that are
 * written completely are untouched.
 */
final class ClientGone implements ProxyInterceptor {

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        ProxyResponse response = context.response();
        Body body = response.getBody();
        Context current = Vertx.currentContext();
        if (body != null && current != null) {
            response.setBody(Body.body(new DeferredFailures(body.stream(), current), body.length()));
        }
        return context.sendResponse();
    }

    /** The upstream body, unchanged, except that piping it reports a failed write on the next turn. */
    private record DeferredFailures(ReadStream<Buffer> upstream, Context context) implements ReadStream<Buffer> {

        @Override
        public Pipe<Buffer> pipe() {
            Pipe<Buffer> pipe = ReadStream.super.pipe();
            return new Pipe<>() {
                @Override
                public Pipe<Buffer> endOnFailure(boolean end) {
                    pipe.endOnFailure(end);
                    return this;
                }

                @Override
                public Pipe<Buffer> endOnSuccess(boolean end) {
                    pipe.endOnSuccess(end);
                    return this;
                }

                @Override
                public Pipe<Buffer> endOnComplete(boolean end) {
                    pipe.endOnComplete(end);
                    return this;
                }

                @Override
                public void to(WriteStream<Buffer> client, Handler<AsyncResult<Void>> completion) {
                    pipe.to(new Deferring(client, context), completion);
                }

                @Override
                public void close() {
                    pipe.close();
                }
            };
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            upstream.exceptionHandler(handler);
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            upstream.handler(handler);
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            upstream.pause();
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            upstream.resume();
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            upstream.fetch(amount);
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> handler) {
            upstream.endHandler(handler);
            return this;
        }
    }

    /** The client's response, with the outcome of a failed write or end delivered on the next event-loop turn. */
    private record Deferring(WriteStream<Buffer> client, Context context) implements WriteStream<Buffer> {

        @Override
        public Future<Void> write(Buffer data) {
            return later(client.write(data));
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            later(client.write(data)).onComplete(handler);
        }

        @Override
        public Future<Void> end() {
            return later(client.end());
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            later(client.end()).onComplete(handler);
        }

        private Future<Void> later(Future<Void> outcome) {
            Promise<Void> deferred = Promise.promise();
            outcome.onComplete(result -> {
                if (result.failed()) {
                    context.runOnContext(ignored -> deferred.handle(result));
                } else {
                    deferred.handle(result);
                }
            });
            return deferred.future();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            client.exceptionHandler(handler);
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            client.setWriteQueueMaxSize(maxSize);
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return client.writeQueueFull();
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            client.drainHandler(handler);
            return this;
        }
    }
}
