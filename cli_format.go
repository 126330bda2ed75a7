package main

//lint:file-ignore ST1005 the CLI prints its errors to people as they are, whole sentences (see cli_errors.go)

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// record is one row of CLI output: field name → value, with a field order.
type record struct {
	fields []string
	values map[string]any
}

// printRecords writes rows in WP-CLI's formats: table, json, csv, ids, count,
// yaml is not offered. fields limits and orders the columns when given; it
// may name any of valid.
func printRecords(out io.Writer, format, fields string, idField string, rows []record, defaults, valid []string) error {
	cols := defaults
	if fields != "" {
		cols = splitList(fields)
		if err := checkFields(cols, valid); err != nil {
			return err
		}
	}
	switch format {
	case "", "table":
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(cols, "\t"))
		for _, r := range rows {
			vals := make([]string, len(cols))
			for i, c := range cols {
				vals[i] = fmt.Sprint(display(r.values[c]))
			}
			fmt.Fprintln(tw, strings.Join(vals, "\t"))
		}
		return tw.Flush()
	case "json":
		list := make([]map[string]any, 0, len(rows))
		for _, r := range rows {
			m := make(map[string]any, len(cols))
			for _, c := range cols {
				m[c] = r.values[c]
			}
			list = append(list, m)
		}
		enc := json.NewEncoder(out)
		return enc.Encode(list)
	case "csv":
		w := csv.NewWriter(out)
		_ = w.Write(cols)
		for _, r := range rows {
			vals := make([]string, len(cols))
			for i, c := range cols {
				vals[i] = fmt.Sprint(display(r.values[c]))
			}
			_ = w.Write(vals)
		}
		w.Flush()
		return w.Error()
	case "ids":
		ids := make([]string, len(rows))
		for i, r := range rows {
			ids[i] = fmt.Sprint(r.values[idField])
		}
		_, err := fmt.Fprintln(out, strings.Join(ids, " "))
		return err
	case "count":
		_, err := fmt.Fprintln(out, len(rows))
		return err
	}
	return fmt.Errorf("%q is not a format here; choose one of: table, json, csv, ids, count.", format)
}

// printRecord writes one row: as a field/value table, as JSON, or — with
// field set — the bare value.
func printRecord(out io.Writer, format, fields, field string, r record) error {
	if field != "" {
		if err := checkFields([]string{field}, r.names()); err != nil {
			return err
		}
		_, err := fmt.Fprintln(out, display(r.values[field]))
		return err
	}
	cols := r.fields
	if fields != "" {
		cols = splitList(fields)
		if err := checkFields(cols, r.names()); err != nil {
			return err
		}
	}
	switch format {
	case "", "table":
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "Field\tValue")
		for _, c := range cols {
			fmt.Fprintf(tw, "%s\t%v\n", c, display(r.values[c]))
		}
		return tw.Flush()
	case "json":
		m := make(map[string]any, len(cols))
		for _, c := range cols {
			m[c] = r.values[c]
		}
		return json.NewEncoder(out).Encode(m)
	}
	return fmt.Errorf("%q is not a format here; choose one of: table, json.", format)
}

func display(v any) any {
	if v == nil {
		return ""
	}
	if s, ok := v.([]string); ok {
		return strings.Join(s, ",")
	}
	return v
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// names are every field a record has: its shown fields first, then the
// rest in alphabetical order.
func (r record) names() []string {
	names := slices.Clone(r.fields)
	var rest []string
	for k := range r.values {
		if !slices.Contains(names, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(names, rest...)
}

// checkFields refuses a field that is not one of valid, naming them.
func checkFields(asked, valid []string) error {
	for _, f := range asked {
		if !slices.Contains(valid, f) {
			return fmt.Errorf("%q is not a field; choose from: %s.", f, strings.Join(valid, ", "))
		}
	}
	return nil
}
