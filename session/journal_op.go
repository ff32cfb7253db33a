package session

import "errors"

// errNoStore stands for "there is no store to write to" in a Journal.
var errNoStore = errors.New("no conversation store")

type opKind int

const (
	opCreate opKind = iota
	opAdd
	opDelta
	opReasoning
	opReclassify
	opFinish
	opUpdate
	opPrefs
	opRename
	opDelete
	opDraft
	opDeleteMsg
)

// op is one write waiting in a Journal. It holds copies of its arguments,
// so the caller may reuse its values.
type op struct {
	kind   opKind
	conv   Conversation
	msg    Message
	id     string
	text   string // delta, title or draft
	n      int
	end    Ending
	update ConversationUpdate
	prefs  ProviderPrefs
}

// mergesWith reports whether o can be appended to prev, waiting before it:
// consecutive deltas of one part of one message.
func (o op) mergesWith(prev op) bool {
	return (o.kind == opDelta || o.kind == opReasoning) && prev.kind == o.kind && prev.id == o.id
}

func (o op) apply(w Writer) error {
	switch o.kind {
	case opCreate:
		return w.CreateConversation(o.conv)
	case opAdd:
		return w.AddMessage(o.msg)
	case opDelta:
		return w.AppendDelta(o.id, o.text)
	case opReasoning:
		return w.AppendReasoning(o.id, o.text)
	case opReclassify:
		return w.Reclassify(o.id, o.n)
	case opFinish:
		return w.FinishMessage(o.id, o.end)
	case opUpdate:
		return w.UpdateConversation(o.id, o.update)
	case opPrefs:
		return w.SetProviderPrefs(o.id, o.prefs)
	case opRename:
		return w.Rename(o.id, o.text)
	case opDelete:
		return w.Delete(o.id)
	case opDeleteMsg:
		return w.DeleteMessage(o.id)
	case opDraft:
		return w.SetDraft(o.id, o.text)
	}
	return nil
}

// copy returns u with fresh pointers, so that a waiting update keeps the
// values it was given.
func (u ConversationUpdate) copy() ConversationUpdate {
	clone := func(p *string) *string {
		if p == nil {
			return nil
		}
		v := *p
		return &v
	}
	return ConversationUpdate{ProviderName: clone(u.ProviderName), Provider: clone(u.Provider),
		SystemPrompt: clone(u.SystemPrompt), LeafID: clone(u.LeafID)}
}
