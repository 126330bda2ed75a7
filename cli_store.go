package main

import (
	"context"
	"fmt"

	"github.com/presspass/presspass/models"
)

// openStore opens and migrates the configured database for a command.
func openStore(ctx context.Context, c *config) (*models.Store, error) {
	du, err := models.ParseDatabaseURL(c.DatabaseURL)
	if err != nil {
		return nil, err
	}
	du.EpochMode = c.EpochMode
	s, err := models.OpenDSN(ctx, du)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	c.storeConfig(s)
	return s, nil
}

// withStore parses the command line, opens the store and runs fn.
func withStore(ctx context.Context, raw []string, spec flagSpec, fn func(*models.Store, *args) error) error {
	a, err := parseArgs(raw, spec)
	if err != nil {
		return err
	}
	c, err := loadConfig(a)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := fn(s, a); err != nil {
		return &flagsError{err: err, flags: a.flags}
	}
	return nil
}

func cmdMigrate(ctx context.Context, raw []string, out interface{ Write([]byte) (int, error) }) error {
	a, err := parseArgs(raw, flagSpec{})
	if err != nil {
		return err
	}
	c, err := loadConfig(a)
	if err != nil {
		return err
	}
	s, err := models.Open(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Success: %d migration(s) applied.\n", n)
	return nil
}
