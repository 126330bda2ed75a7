package handlers

// confirmData is the confirmation step a page shows instead of itself
// before a destructive POST (the "confirm" template in layout.html): the
// question, the operation, the hidden fields that name its target, and the
// form's action, nonce and Cancel link, which the page's renderer fills in
// with its own.
type confirmData struct {
	Question, Op, Button  string
	Action, Nonce, Cancel string
	Fields                []hiddenField
}

// hiddenField is one <input type="hidden"> of a form.
type hiddenField struct{ Name, Value string }

// withForm completes c with the page's form action, nonce and Cancel link,
// and fields every confirmation of that page carries, ahead of its own.
func (c *confirmData) withForm(action, nonce, cancel string, fields ...hiddenField) {
	c.Action, c.Nonce, c.Cancel = action, nonce, cancel
	c.Fields = append(fields, c.Fields...)
}
