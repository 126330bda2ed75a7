package rest

import (
	"net/http"

	"github.com/presspass/presspass/models"
)

// reasonWording is how the REST API words one of the store's reasons:
// WordPress's code, the HTTP status (0: the kind's, from kindStatuses) and
// the message. A message with verbs is a format string filled by args from
// the error's details; data adds members to the error's data object.
type reasonWording struct {
	code    string
	status  int
	message string
	args    func(models.Details) []any
	data    func(models.Details) map[string]any
}

// kindStatuses maps error kinds to HTTP statuses where the reason has no
// status of its own. KindForbidden is not here: it is 401 for visitors and
// 403 for users.
var kindStatuses = map[models.Kind]int{
	models.KindInvalid:         http.StatusBadRequest,
	models.KindNotFound:        http.StatusNotFound,
	models.KindUnauthenticated: http.StatusUnauthorized,
	models.KindConflict:        http.StatusConflict,
	models.KindGone:            http.StatusGone,
	models.KindUnavailable:     http.StatusServiceUnavailable,
	models.KindTooManyRequests: http.StatusTooManyRequests,
	models.KindInternal:        http.StatusInternalServerError,
}

// reasonWords is the one table from the store's reasons to REST's words.
var reasonWords = map[models.Reason]reasonWording{
	models.ReasonDatabaseUnavailable: {"database_unavailable", http.StatusServiceUnavailable, "The database is unavailable. Please try again shortly.", nil, retryAfterData},
}

func retryAfterData(d models.Details) map[string]any {
	return map[string]any{"retry_after": d.RetryAfter}
}
