package xmlrpc

import "testing"

// The PHP behaviours WordPress's methods rely on, reproduced here.

func TestAddTwoNumbersLikePHP(t *testing.T) {
	tests := []struct {
		name string
		args []Value
		want Value
		err  bool
	}{
		{"ints", []Value{Int(3), Int(4)}, Int(7), false},
		{"numeric string", []Value{Str("3"), Int(5)}, Int(8), false},
		{"double", []Value{Double(1.5), Int(2)}, Double(3.5), false},
		{"float string", []Value{Str(" 2.5"), Int(1)}, Double(3.5), false},
		{"bools", []Value{Bool(true), Bool(true)}, Int(2), false},
		{"three args", []Value{Int(1), Int(2), Int(100)}, Int(3), false},
		{"no args", nil, Int(0), false},
		{"lone arg is not a list", []Value{Int(5)}, Int(0), false},
		{"overflow becomes float", []Value{Int(1 << 62), Int(1 << 62)}, Double(float64(1<<62) * 2), false},
		{"non-numeric string", []Value{Str("abc"), Int(5)}, Value{}, true},
		{"array", []Value{Array(), Int(5)}, Value{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := demoAddTwoNumbers(nil, newParams(tt.args))
			if tt.err {
				if err != faultAddArgs {
					t.Fatalf("want the 400 fault, got %v %v", got, err)
				}
				return
			}
			if err != nil || !equalValue(got, tt.want) {
				t.Fatalf("got %+v %v, want %+v", got, err, tt.want)
			}
		})
	}
}

func TestExtendedLikeGetExtended(t *testing.T) {
	tests := []struct{ in, main, more, text string }{
		{"just text", "just text", "", ""},
		{"  padded  ", "padded  ", "", ""},
		{"Intro<!--more-->Rest", "Intro", "Rest", ""},
		{"Intro <!--more Read on-->\nRest", "Intro ", "Rest", "Read on"},
		{"line1\nline2<!--more-->x", "line1\nline2", "x", ""},
	}
	for _, tt := range tests {
		main, more, text := extended(tt.in)
		if main != tt.main || more != tt.more || text != tt.text {
			t.Errorf("extended(%q) = %q, %q, %q; want %q, %q, %q", tt.in, main, more, text, tt.main, tt.more, tt.text)
		}
	}
}

func TestBloggerContent(t *testing.T) {
	title, body := bloggerContent("<title>Hi</title><category>2,3</category>  Body <b>x</b> ")
	if title != "Hi" || body != "Body <b>x</b>" {
		t.Fatalf("got %q %q", title, body)
	}
	title, body = bloggerContent("no markup")
	if title != "" || body != "no markup" {
		t.Fatalf("got %q %q", title, body)
	}
}

func TestCommentStatusFrom(t *testing.T) {
	tests := []struct {
		v    Value
		two  bool
		want string
	}{
		{Str("open"), true, "open"},
		{Str("closed"), false, "closed"},
		{Int(0), false, "closed"},
		{Int(1), true, "open"},
		{Int(2), true, "closed"},
		{Int(2), false, "default"},
		{Str("1"), true, "open"},
		{Str("maybe"), true, "default"},
	}
	for _, tt := range tests {
		if got := commentStatusFrom(tt.v, "default", tt.two); got != tt.want {
			t.Errorf("commentStatusFrom(%+v, %v) = %q, want %q", tt.v, tt.two, got, tt.want)
		}
	}
}

func TestPHPConversions(t *testing.T) {
	ints := map[string]int64{"12": 12, " 7x": 7, "-3": -3, "abc": 0, "": 0, "1e3": 1000, "99999999999999999999": 1<<63 - 1}
	for in, want := range ints {
		if got := Str(in).AsInt(); got != want {
			t.Errorf("(int) %q = %d, want %d", in, got, want)
		}
	}
	truthy := map[string]bool{"": false, "0": false, "0.0": true, "false": true, " ": true}
	for in, want := range truthy {
		if got := Str(in).Truthy(); got != want {
			t.Errorf("(bool) %q = %v, want %v", in, got, want)
		}
	}
	if s, _ := Double(2).AsString(); s != "2" {
		t.Errorf("(string) 2.0 = %q", s)
	}
	if !validateBool(Str("1")) || validateBool(Str("FALSE")) || validateBool(Int(0)) {
		t.Error("wp_validate_boolean")
	}
	if sanitizeKey(" Quote-Fmt_1! ") != "quote-fmt_1" {
		t.Error("sanitize_key")
	}
}
