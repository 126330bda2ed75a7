package wptext

import "testing"

func TestEscHTML(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`Tom & Jerry`, `Tom &amp; Jerry`},
		{`<b>"quoted" 'single'</b>`, `&lt;b&gt;&quot;quoted&quot; &#039;single&#039;&lt;/b&gt;`},
		{`Caf&eacute; &#8211; &#x201C;ok&#x201D;`, `Caf&eacute; &#8211; &#x201C;ok&#x201D;`},
		{`&amp;`, `&amp;`},
		{`& ;`, `&amp; ;`},
		{`&#;`, `&amp;#;`},
	} {
		if got := EscHTML(tt.in); got != tt.want {
			t.Errorf("EscHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
