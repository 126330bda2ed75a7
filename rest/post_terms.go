package rest

import (
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// The categories and tags of a post in create and update requests
// (WP_REST_Posts_Controller::handle_terms and
// check_assign_terms_permission).

// requestedTerms returns the existing terms the request names for a
// taxonomy; ids of missing terms are skipped, as wp_set_object_terms skips
// them. given is false when the parameter is absent.
func requestedTerms(r *Request, param, taxonomy string) (ids []uint64, given bool, err error) {
	if !r.Has(param) {
		return nil, false, nil
	}
	for _, id := range uintList(r.IntList(param)) {
		if _, err := r.Store().TermInTaxonomy(r.Ctx(), taxonomy, id); err != nil {
			if models.IsNotFound(err) {
				continue
			}
			return nil, true, err
		}
		ids = append(ids, id)
	}
	return ids, true, nil
}

// assignTermsPermission is check_assign_terms_permission: every existing
// term the request names must be assignable by the user.
func assignTermsPermission(r *Request, pt *postType) error {
	for _, t := range pt.Taxonomies {
		ids, given, err := requestedTerms(r, t.RestBase, t.Slug)
		if err != nil {
			return err
		}
		if given && len(ids) > 0 && !t.canAssign(r.User) {
			return Forbidden("rest_cannot_assign_term", languages.Mark("Sorry, you are not allowed to assign the provided terms."))
		}
	}
	return nil
}

// savePostTerms files the post under the terms the request names, exactly
// as wp_set_object_terms does: ids of missing terms are skipped, so a list
// naming only missing categories leaves the post without any category.
func (s *Server) savePostTerms(r *Request, pt *postType, postID uint64) error {
	for _, t := range pt.Taxonomies {
		ids, given, err := requestedTerms(r, t.RestBase, t.Slug)
		if err != nil {
			return err
		}
		if !given {
			continue
		}
		if err := s.store.SetObjectTerms(r.Ctx(), r.User, postID, t.Slug, ids); err != nil {
			return err
		}
	}
	return nil
}
