package wptext

import (
	"encoding/json"
	"math"
	"testing"
)

// FloatString prints floats as PHP 8's string conversion does (echo,
// (string), concatenation), which uses precision=14 — not var_export's or
// json_encode's serialize_precision=-1 (shortest round trip). The expected
// strings follow zend_gcvt(value, 14, '.', 'E'): 14 significant digits,
// correctly rounded, trailing zeros dropped (rule D); plain notation while
// the decimal point falls within the 14 digits and the value is at least
// 1e-4 (rule P); otherwise d.dddE±x with at least one fractional digit and
// an unpadded exponent (rule E); a sign for negative zero (rule Z); INF,
// -INF, NAN by name (rule N).
func TestFloatString(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
		rule string
	}{
		{0.1, "0.1", "P: 0.1's 14 digits are 1 then zeros"},
		{1.0 / 3, "0.33333333333333", "D: 14 digits, not the shortest 0.3333333333333333"},
		{2.0 / 3, "0.66666666666667", "D: rounded at the 14th digit"},
		{0.1 + 0.2, "0.3", "D: 0.30000000000000004 rounds to 0.3"},
		{1e20, "1.0E+20", "E: 21 integer digits > 14; one fractional digit kept"},
		{1e21, "1.0E+21", "E"},
		{123456789012345678, "1.2345678901235E+17", "E+D: 18 integer digits, rounded to 14"},
		{math.Copysign(0, -1), "-0", "Z: -0.0 (a Go constant -0.0 is +0)"},
		{0, "0", "P"},
		{1.5e-7, "1.5E-7", "E: below 1e-4, exponent unpadded"},
		{0.0001, "0.0001", "P: 1e-4 is the smallest plain value"},
		{0.00001, "1.0E-5", "E"},
		{0.000123456, "0.000123456", "P"},
		{12345678901234, "12345678901234", "P: 14 integer digits"},
		{1e14, "1.0E+14", "E: 15 integer digits"},
		{99999999999999.99, "1.0E+14", "D then E: rounding to 14 digits carries into a 15th"},
		{123456.789, "123456.789", "P"},
		{-1.5, "-1.5", "P"},
		{22, "22", "P: no decimal point for a whole number"},
		{8 + 14.0/3, "12.666666666667", "D"},
		{1e100, "1.0E+100", "E: a three-digit exponent"},
		{-2.5e-300, "-2.5E-300", "E"},
		{math.Inf(1), "INF", "N"},
		{math.Inf(-1), "-INF", "N"},
		{math.NaN(), "NAN", "N"},
	} {
		if got := FloatString(c.in); got != c.want {
			t.Errorf("%v: %s, want %s (%s)", c.in, got, c.want, c.rule)
		}
	}
}

// TestPHPNumber re-encodes decoded numbers as json_encode does with no
// flags (wp_json_encode, as wp_unique_id_from_values hashes attributes):
// integers as ints, every other number a float in its shortest digits,
// whole floats without ".0", plain up to 17 integer digits (below 1e17) and down to
// 1e-4, beyond that 1.0e+25 with a lower-case e.
func TestPHPNumber(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"12", "12"},
		{"-0", "0"},
		{"10.0", "10"},
		{"1.5", "1.5"},
		{"-0.0", "-0"},
		{"1e2", "100"},
		{"1000000.0", "1000000"},
		{"0.1", "0.1"},
		{"0.0001", "0.0001"},
		{"0.00001", "1.0e-5"},
		{"1.25e-7", "1.25e-7"},
		{"1e16", "10000000000000000"},
		{"1e17", "1.0e+17"},

		{"12345678901234567890", "1.2345678901234567e+19"},
		{"0.30000000000000004", "0.30000000000000004"},
	} {
		if got := phpNumber(json.Number(c.in)); got != c.want {
			t.Errorf("%s: %s, want %s", c.in, got, c.want)
		}
	}
}
