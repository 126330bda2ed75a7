package models

// A post's raw text is bounded: every filter that shows it is linear, but a
// post of hundreds of megabytes would still hold a reader's worker (and
// its memory) for seconds, and MySQL refuses rows beyond its
// max_allowed_packet with an error that says nothing useful. WordPress has
// no such limit of its own (PHP's post_max_size plays the part), so the
// refusal is PressPass's: a named reason each adapter words.

// DefaultMaxPostSize is the limit when StoreConfig.MaxPostSize is 0.
const DefaultMaxPostSize = 16 << 20

// ErrPostTooLarge: the title, content and excerpt sent add up to more than
// the limit, Details.Limit bytes.
var ErrPostTooLarge = newError(KindInvalid, ReasonPostTooLarge)

// maxPostSize is the configured limit or the default.
func (s *Store) maxPostSize() int64 {
	if s.Config.MaxPostSize > 0 {
		return s.Config.MaxPostSize
	}
	return DefaultMaxPostSize
}

// checkPostSize refuses a write that would leave a post's title, content
// and excerpt together larger than the limit: the fields in sends, the
// others as cur has them (nil when creating). It runs before kses, whose
// work grows with the text. A write that sends none of the three passes:
// a post stored before the limit was lowered can still be published or
// moved.
func (s *Store) checkPostSize(in PostInput, cur *Post) error {
	if in.Title == nil && in.Content == nil && in.Excerpt == nil {
		return nil
	}
	var n int64
	for _, f := range []struct {
		sent *string
		cur  func(*Post) string
	}{
		{in.Title, func(p *Post) string { return p.Title }},
		{in.Content, func(p *Post) string { return p.Content }},
		{in.Excerpt, func(p *Post) string { return p.Excerpt }},
	} {
		switch {
		case f.sent != nil:
			n += int64(len(*f.sent))
		case cur != nil:
			n += int64(len(f.cur(cur)))
		}
	}
	if limit := s.maxPostSize(); n > limit {
		return ErrPostTooLarge.With(Details{Limit: limit})
	}
	return nil
}
