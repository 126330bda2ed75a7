package wptext

import (
	"math"
	"strconv"
	"strings"
)

// phpPrecision is PHP's "precision" setting, 14 unless php.ini changes it
// (WordPress does not).
const phpPrecision = 14

// FloatString is PHP's conversion of a float to a string — echo, (string),
// strval, "…$f…" and '…' . $f all use it — which prints the float with the
// "precision" setting's 14 significant digits (not serialize_precision's
// shortest form, which only var_export, json_encode and serialize use).
// As PHP's zend_gcvt writes it: trailing zeros dropped; a decimal exponent
// once the integer part has more digits than the precision (from 1e14,
// after rounding) and below 1e-4, written "1.0E+20", "1.5E-7" (the
// mantissa keeps at least one fractional digit, the exponent has no
// padding); "-0" for negative zero; INF, -INF and NAN.
func FloatString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NAN"
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	}
	return phpGcvt(f, phpPrecision, phpPrecision-1, 'E')
}

// phpGcvt is zend_gcvt, the layout both of PHP's float-to-string
// conversions share: the digits of f rounded to prec+1 significant
// digits (prec -1: the shortest that read back as f), trailing zeros
// dropped; plain notation while decpt, the position of the decimal point
// after the first digit, is within -3 and ndigit; otherwise d.ddd, then
// exp, the sign and an unpadded exponent, the mantissa keeping at least
// one fractional digit. f must be finite.
func phpGcvt(f float64, ndigit, prec int, exp byte) string {
	sign := ""
	if math.Signbit(f) {
		sign = "-"
		f = -f
	}
	if f == 0 {
		return sign + "0"
	}
	mant, e10, _ := strings.Cut(strconv.FormatFloat(f, 'e', prec, 64), "e")
	digits := strings.TrimRight(strings.Replace(mant, ".", "", 1), "0")
	e, _ := strconv.Atoi(e10)
	decpt := e + 1
	var b strings.Builder
	b.WriteString(sign)
	switch {
	case decpt < -3 || decpt > ndigit:
		b.WriteString(digits[:1] + ".")
		if len(digits) == 1 {
			b.WriteByte('0')
		} else {
			b.WriteString(digits[1:])
		}
		b.WriteByte(exp)
		if e < 0 {
			b.WriteByte('-')
			e = -e
		} else {
			b.WriteByte('+')
		}
		b.WriteString(strconv.Itoa(e))
	case decpt <= 0:
		b.WriteString("0." + strings.Repeat("0", -decpt) + digits)
	case len(digits) <= decpt:
		b.WriteString(digits + strings.Repeat("0", decpt-len(digits)))
	default:
		b.WriteString(digits[:decpt] + "." + digits[decpt:])
	}
	return b.String()
}
