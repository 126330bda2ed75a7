package models

import "context"

type requestIDKey struct{}

// WithRequestID returns ctx carrying the id the composition root gave the
// request, so that every layer can name it in its logs.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request's id, or "" outside a request.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
