package models

import "context"

// Site settings are options that the site's administrators change through
// the REST settings endpoint (and XML-RPC's wp.setOptions).

var errCannotManageOptions = E(KindForbidden, "rest_forbidden", "Sorry, you are not allowed to do that.")

// UpdateOptions writes several options as actor, who needs manage_options.
// Errors: forbidden (rest_forbidden), internal.
func (s *Store) UpdateOptions(ctx context.Context, actor *User, values map[string]string) error {
	if !Can(actor, "manage_options") {
		return errCannotManageOptions
	}
	for name, v := range values {
		if err := s.SetOption(ctx, name, v); err != nil {
			return err
		}
	}
	return nil
}
