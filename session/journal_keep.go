package session

import (
	"errors"
	"slices"
)

// A conversation can be deleted by another lockchat (lockchat rm) while
// this one still writes to it, a reply perhaps still streaming. Every
// later write to it then fails with ErrNotFound. So that nothing shown in
// this window is lost, a Journal keeps a copy of what it saved of the
// conversations it wrote to last, and when one turns out deleted, it saves
// that copy again and goes on.

// keepConversations is how many conversations a Journal keeps copies of,
// the most recently written first; a window writes to one at a time.
const keepConversations = 4

// deletedElsewhere is the notice given when a conversation is saved again.
const deletedElsewhere = "This conversation was deleted elsewhere; it was saved again."

// keptConv is a Journal's copy of one conversation: what it saved of it.
type keptConv struct {
	conv Conversation
	msgs []*keptMsg
	// resaving is set while the copy is being saved again, until all of
	// it is: a retry then goes on even though the conversation exists.
	resaving bool
}

type keptMsg struct {
	m Message
	// text is Content, with every delta appended; reasoning holds the
	// reasoning deltas, to go after m.Reasoning. Both are chunked: a
	// reply may be long, and this is a copy besides the store's.
	text, reasoning chunkedText
	moved           int // bytes of text that are reasoning (Reclassify)
}

// message is the kept message as it stands, its parts folded.
func (km *keptMsg) message() Message {
	m := km.m
	m.Content, m.Reasoning = replyLog{reasoning: km.reasoning.String(), moved: km.moved}.fold(km.text.String(), m.Reasoning)
	return m
}

// msg returns the copy of message id, or nil. The newest is looked at
// first: it is the one deltas go to.
func (k *keptConv) msg(id string) *keptMsg {
	for i := len(k.msgs) - 1; i >= 0; i-- {
		if k.msgs[i].m.ID == id {
			return k.msgs[i]
		}
	}
	return nil
}

// conversationReader is a Writer that can also read a conversation's
// metadata; *Store is one.
type conversationReader interface {
	Conversation(id string) (Conversation, error)
}

// deltaForgetter is a Writer that can drop what its delta log holds of a
// reply, before the reply is saved again whole; *Store is one.
type deltaForgetter interface {
	forgetDeltas(msgID string) error
}

// kept returns the copy of the conversation op writes to, or nil.
func (j *Journal) kept(o op) *keptConv {
	for _, k := range j.copies {
		switch o.kind {
		case opAdd:
			if k.conv.ID == o.msg.ConversationID {
				return k
			}
		case opRename, opUpdate, opDraft:
			if k.conv.ID == o.id {
				return k
			}
		case opDelta, opReasoning, opReclassify, opFinish, opDeleteMsg:
			if k.msg(o.id) != nil {
				return k
			}
		}
	}
	return nil
}

// keep records in the copies an operation that was saved.
func (j *Journal) keep(o op) {
	switch o.kind {
	case opCreate:
		j.remember(&keptConv{conv: o.conv})
	case opDelete:
		j.copies = slices.DeleteFunc(j.copies, func(k *keptConv) bool { return k.conv.ID == o.id })
	case opAdd:
		k := j.kept(o)
		if k == nil {
			// Created before this Journal, as a resumed conversation is.
			k = &keptConv{conv: Conversation{ID: o.msg.ConversationID}}
			if r, ok := j.w.(conversationReader); ok {
				if c, err := r.Conversation(o.msg.ConversationID); err == nil {
					k.conv = c
				}
			}
		}
		km := &keptMsg{m: o.msg}
		km.text.WriteString(o.msg.Content)
		if km.m.Status == "" {
			km.m.Status = StatusComplete
			if km.m.Role == RoleAssistant {
				km.m.Status = StatusStreaming
			}
		}
		k.msgs = append(k.msgs, km)
		j.remember(k)
	case opRename:
		if k := j.kept(o); k != nil {
			k.conv.Title = oneLine(o.text, 0)
		}
	case opUpdate:
		if k := j.kept(o); k != nil {
			k.conv = updated(k.conv, o.update)
		}
	case opDraft:
		if k := j.kept(o); k != nil {
			k.conv.Draft = o.text
		}
	case opDeleteMsg:
		if k := j.kept(o); k != nil {
			k.dropSubtree(o.id)
		}
	case opDelta, opReasoning, opReclassify, opFinish:
		if k := j.kept(o); k != nil {
			keepPart(k.msg(o.id), o)
		}
	}
}

// keepPart applies to a kept reply what o wrote of it.
func keepPart(km *keptMsg, o op) {
	switch o.kind {
	case opDelta:
		km.text.WriteString(o.text)
	case opReasoning:
		km.reasoning.WriteString(o.text)
	case opReclassify:
		km.moved = o.n
	case opFinish:
		m := &km.m
		m.Status, m.ErrorText = o.end.Status, o.end.ErrorText
		m.PromptTokens, m.CompletionTokens = o.end.Usage.PromptTokens, o.end.Usage.CompletionTokens
		m.ReasoningMillis = o.end.Reasoning.Milliseconds()
	}
}

// updated is c with u applied.
func updated(c Conversation, u ConversationUpdate) Conversation {
	for _, f := range []struct{ to, from *string }{
		{&c.ProviderName, u.ProviderName}, {&c.Provider, u.Provider},
		{&c.SystemPrompt, u.SystemPrompt}, {&c.LeafID, u.LeafID},
	} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	return c
}

// remember puts k first among the copies, dropping the oldest.
func (j *Journal) remember(k *keptConv) {
	j.copies = slices.DeleteFunc(j.copies, func(c *keptConv) bool { return c == k || c.conv.ID == k.conv.ID })
	j.copies = slices.Insert(j.copies, 0, k)
	if len(j.copies) > keepConversations {
		j.copies = j.copies[:keepConversations]
	}
}

// errNotDeleted means the conversation a write did not find still exists:
// the write is rejected for another reason, and nothing is saved again.
var errNotDeleted = errors.New("the conversation exists")

// resave saves the copy k again, once its conversation is gone: the
// conversation, then its messages in order, each reply with the text it
// had. It can be called again after a failure; what is already saved
// again is skipped.
func (j *Journal) resave(k *keptConv) error {
	if !k.resaving {
		r, ok := j.w.(conversationReader)
		if !ok {
			return errNotDeleted
		}
		if _, err := r.Conversation(k.conv.ID); err == nil {
			return errNotDeleted
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		k.resaving = true
	}
	if err := j.w.CreateConversation(k.conv); err != nil && !rejected(err) {
		return err
	}
	saved := map[string]bool{}
	for _, km := range k.msgs {
		m := km.message()
		if !saved[m.ParentID] {
			m.ParentID = "" // Its parent was deleted with the rest, unseen here.
		}
		if f, ok := j.w.(deltaForgetter); ok && m.Status == StatusStreaming {
			// The log's deltas are in m.Content; folded in again at the
			// finish, they would be there twice.
			if err := f.forgetDeltas(m.ID); err != nil {
				return err
			}
		}
		if err := j.w.AddMessage(m); err != nil && !rejected(err) {
			return err
		}
		saved[m.ID] = true
	}
	k.resaving = false
	return nil
}

// applyKept applies o, and when it finds its conversation deleted by
// another lockchat, saves the copy again and applies o once more; note
// says so.
func (j *Journal) applyKept(o op) (note string, err error) {
	err = o.apply(j.w)
	if !errors.Is(err, ErrNotFound) {
		return "", err
	}
	k := j.kept(o)
	if k == nil {
		return "", err
	}
	switch rerr := j.resave(k); {
	case errors.Is(rerr, errNotDeleted):
		return "", err
	case rerr != nil:
		return "", rerr
	}
	return deletedElsewhere, o.apply(j.w)
}

// dropSubtree forgets message id and everything under it.
func (k *keptConv) dropSubtree(id string) {
	gone := map[string]bool{id: true}
	k.msgs = slices.DeleteFunc(k.msgs, func(km *keptMsg) bool { // kept in order: parents come first
		if gone[km.m.ID] || gone[km.m.ParentID] {
			gone[km.m.ID] = true
			return true
		}
		return false
	})
}
