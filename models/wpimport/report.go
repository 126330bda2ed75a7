package wpimport

import (
	"fmt"
	"io"
	"strings"
)

// The kinds of record an import counts, in the order the report lists them;
// they are the keys of Report.Counts.
const (
	KindOptions      = "options"
	KindUsers        = "users"
	KindAppPasswords = "app_passwords"
	KindTerms        = "terms"
	KindPosts        = "posts"
)

var reportKinds = []string{KindOptions, KindUsers, KindAppPasswords, KindTerms, KindPosts}

// kindNames are the kinds as the text report words them.
var kindNames = map[string]string{
	KindOptions: "options", KindUsers: "users", KindAppPasswords: "application passwords", KindTerms: "categories and tags",
	KindPosts: "posts",
}

// Count says what happened to the records of one kind.
type Count struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Removed counts imported records that the source no longer has and
	// that were therefore deleted (revoked application passwords).
	Removed int `json:"removed"`
	Skipped int `json:"skipped"`
}

// Skip is one record that was not imported, and why.
type Skip struct {
	Kind   string `json:"kind"`
	Ref    string `json:"ref"`
	Reason string `json:"reason"`
}

// Report is the outcome of an import.
type Report struct {
	Source string            `json:"source"`
	DryRun bool              `json:"dry_run"`
	Counts map[string]*Count `json:"counts"`
	// Skipped lists every record left out, with the reason.
	Skipped []Skip `json:"skipped"`
	// Notes are things imported with a caveat the operator should know.
	Notes []string `json:"notes"`
}

func newReport(source string, dryRun bool) *Report {
	r := &Report{Source: source, DryRun: dryRun, Counts: map[string]*Count{}, Skipped: []Skip{}, Notes: []string{}}
	for _, k := range reportKinds {
		r.Counts[k] = &Count{}
	}
	return r
}

func (r *Report) skip(kind, ref, reason string) {
	r.Counts[kind].Skipped++
	r.Skipped = append(r.Skipped, Skip{Kind: kind, Ref: ref, Reason: reason})
}

func (r *Report) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

// merge adds what part counted to r.
func (r *Report) merge(part *Report) {
	for k, c := range part.Counts {
		rc := r.Counts[k]
		rc.Created += c.Created
		rc.Updated += c.Updated
		rc.Unchanged += c.Unchanged
		rc.Removed += c.Removed
		rc.Skipped += c.Skipped
	}
	r.Skipped = append(r.Skipped, part.Skipped...)
	r.Notes = append(r.Notes, part.Notes...)
}

// outcome counts one record as created, updated or unchanged.
type outcome int

const (
	outcomeUnchanged outcome = iota
	outcomeCreated
	outcomeUpdated
)

func (r *Report) count(kind string, o outcome) {
	c := r.Counts[kind]
	switch o {
	case outcomeCreated:
		c.Created++
	case outcomeUpdated:
		c.Updated++
	default:
		c.Unchanged++
	}
}

// WriteText prints the report for a person: a table of counts, then what
// was skipped and why, then the notes.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	if r.DryRun {
		fmt.Fprintf(&b, "Dry run: nothing was written. Importing from %s would do this:\n", r.Source)
	} else {
		fmt.Fprintf(&b, "Imported from %s:\n", r.Source)
	}
	const row = "  %-21s %9v %9v %9v %9v %9v\n"
	fmt.Fprintf(&b, row, "", "created", "updated", "unchanged", "removed", "skipped")
	for _, k := range reportKinds {
		c := r.Counts[k]
		fmt.Fprintf(&b, row, kindNames[k], c.Created, c.Updated, c.Unchanged, c.Removed, c.Skipped)
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(&b, "Skipped (%d):\n", len(r.Skipped))
		for _, s := range r.Skipped {
			fmt.Fprintf(&b, "  %s %s: %s\n", kindNames[s.Kind], s.Ref, s.Reason)
		}
	}
	if len(r.Notes) > 0 {
		fmt.Fprintf(&b, "Notes (%d):\n", len(r.Notes))
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "  %s\n", n)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
