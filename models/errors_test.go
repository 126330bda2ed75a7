package models_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func TestInternalErrorKinds(t *testing.T) {
	tests := []struct {
		err  error
		kind models.Kind
	}{
		{errors.New("syntax error near SELECT"), models.KindInternal},
		{fmt.Errorf("dial tcp 127.0.0.1:3306: connect: connection refused"), models.KindUnavailable},
		{context.DeadlineExceeded, models.KindUnavailable},
		{&models.Error{Kind: models.KindNotFound, Reason: models.ReasonInvalidPostID}, models.KindNotFound},
	}
	for _, tt := range tests {
		if got := models.Internal(tt.err).Kind; got != tt.kind {
			t.Errorf("Internal(%v).Kind = %s, want %s", tt.err, got, tt.kind)
		}
	}
}

func TestClosedDatabaseIsUnavailable(t *testing.T) {
	s := fixturestest.Open(t)
	s.Close()
	_, err := s.UserByID(context.Background(), 1)
	if models.ErrorKind(err) != models.KindUnavailable {
		t.Fatalf("a closed database gives %v, want kind unavailable", err)
	}
}

// wantReason fails unless err is a store error of that kind and reason.
func wantReason(t *testing.T, err error, kind models.Kind, reason models.Reason) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %q (%s)", reason, kind)
	}
	e := models.AsError(err)
	if e.Kind != kind || e.Reason != reason {
		t.Fatalf("got %s/%q (%v), want %s/%q", e.Kind, e.Reason, err, kind, reason)
	}
}
