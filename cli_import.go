package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wpimport"
)

const importUsage = "import wordpress --from mysql://USER:PASS@HOST:PORT/DB [--prefix wp_] [--dry-run] [--format=text|json]"

// cmdImport moves a site in from WordPress: `presspass import wordpress`.
// The report goes to out even when the import stops half-way, so the
// operator sees which batches were committed.
func cmdImport(ctx context.Context, raw []string, out io.Writer) error {
	return withStore(ctx, raw, flagsOf("import"), func(s *models.Store, a *args) error {
		if err := a.need(1, 1, importUsage); err != nil {
			return err
		}
		if a.pos[0] != "wordpress" {
			return fmt.Errorf("unknown import source %q; usage: presspass %s", a.pos[0], importUsage)
		}
		from := a.str("from", "", "")
		if from == "" {
			return fmt.Errorf("--from is required; usage: presspass %s", importUsage)
		}
		format := a.str("format", "", "text")
		if format != "text" && format != "json" {
			return fmt.Errorf("--format=%s: want text or json", format)
		}
		dryRun, err := a.boolean("dry-run")
		if err != nil {
			return err
		}
		prefix := a.str("prefix", "", "wp_")
		src, err := wpimport.OpenSource(ctx, from, prefix)
		if err != nil {
			return err
		}
		defer src.Close()
		report, importErr := wpimport.Import(ctx, src, s, wpimport.Options{Prefix: prefix, DryRun: dryRun})
		if report != nil {
			var werr error
			if format == "json" {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				werr = enc.Encode(report)
			} else {
				werr = report.WriteText(out)
			}
			if werr != nil && importErr == nil {
				return werr
			}
		}
		if importErr != nil {
			return fmt.Errorf("import stopped: %w", importErr)
		}
		if !dryRun && format == "text" {
			fmt.Fprintln(out, "Success: imported from WordPress.")
		}
		return nil
	})
}
