package xmlrpc

import (
	"strconv"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// custom_fields: a post's custom fields (post meta) as get_custom_fields
// gives them and set_custom_fields takes them. models decides who sees and
// changes which field.

// faultBadCustomFields answers custom_fields that are not a list of
// structs with scalar values: WordPress would store an array's PHP
// serialization, which no client can read back as it sent it.
var faultBadCustomFields = NewFault(400, languages.Mark("Invalid custom fields: a list of structs with an id, a key and a text or number value is expected."))

// customFieldChanges reads content's custom_fields member, before anything
// is written (a bad list must not leave a half-written post). Absent: nil.
func customFieldChanges(content Value) ([]models.CustomFieldChange, error) {
	v, ok := content.Get("custom_fields")
	if !ok {
		return nil, nil
	}
	if v.Kind != KindArray {
		return nil, faultBadCustomFields
	}
	out := make([]models.CustomFieldChange, 0, len(v.Array))
	for _, item := range v.Array {
		if item.Kind != KindStruct {
			return nil, faultBadCustomFields
		}
		var ch models.CustomFieldChange
		if id, ok := item.Get("id"); ok {
			if n := id.AsInt(); n > 0 {
				ch.ID = uint64(n)
			}
		}
		if key, ok := item.Get("key"); ok {
			s, ok := key.AsString()
			if !ok {
				return nil, faultBadCustomFields
			}
			ch.Key, ch.HasKey = s, true
		}
		if val, ok := item.Get("value"); ok {
			s, ok := val.AsString()
			if !ok {
				return nil, faultBadCustomFields
			}
			ch.Value = s
		}
		out = append(out, ch)
	}
	return out, nil
}

// setCustomFields applies changes read by customFieldChanges to p.
func (c *Call) setCustomFields(u *models.User, p *models.Post, changes []models.CustomFieldChange) error {
	if err := c.srv.store.SetCustomFields(c.ctx, u, p, changes); err != nil {
		return asFault(err)
	}
	return nil
}

// preloadCustomFields reads the custom fields of a list of posts in one
// query, for the list methods.
func (c *Call) preloadCustomFields(u *models.User, posts []models.Post) error {
	ptrs := make([]*models.Post, len(posts))
	for i := range posts {
		ptrs[i] = &posts[i]
	}
	fields, err := c.srv.store.CustomFields(c.ctx, u, ptrs)
	if err != nil {
		return asFault(err)
	}
	if c.customFields == nil {
		c.customFields = map[uint64][]models.CustomField{}
	}
	for _, p := range ptrs {
		c.customFields[p.ID] = fields[p.ID]
	}
	return nil
}

// customFieldsValue is get_custom_fields for p as the logged-in user sees
// them: an array of {id, key, value}, ids as strings as wpdb gives them.
func (c *Call) customFieldsValue(p *models.Post) (Value, error) {
	fields, ok := c.customFields[p.ID]
	if !ok {
		all, err := c.srv.store.CustomFields(c.ctx, c.user, []*models.Post{p})
		if err != nil {
			return Value{}, asFault(err)
		}
		fields = all[p.ID]
	}
	out := make([]Value, 0, len(fields))
	for _, f := range fields {
		out = append(out, Struct(M("id", Str(strconv.FormatUint(f.ID, 10))), M("key", Str(f.Key)), M("value", Str(f.Value))))
	}
	return Array(out...), nil
}
