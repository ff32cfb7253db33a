package session

import "errors"

// errNoStore stands for "there is no store to write to" in a Journal.
var errNoStore = errors.New("no conversation store")

type opKind int

const (
	opCreate opKind = iota
	opAdd
	opDelta
	opFinish
	opRename
	opDelete
)

// op is one write waiting in a Journal. It holds copies of its arguments,
// so the caller may reuse its values.
type op struct {
	kind   opKind
	conv   Conversation
	msg    Message
	id     string
	text   string // delta, error text or title
	status Status
	usage  Usage
}

func (o op) apply(w Writer) error {
	switch o.kind {
	case opCreate:
		return w.CreateConversation(o.conv)
	case opAdd:
		return w.AddMessage(o.msg)
	case opDelta:
		return w.AppendDelta(o.id, o.text)
	case opFinish:
		return w.FinishMessage(o.id, o.status, o.text, o.usage)
	case opRename:
		return w.Rename(o.id, o.text)
	case opDelete:
		return w.Delete(o.id)
	}
	return nil
}
