package session

// Tree indexes a conversation's messages by parent, so that branches can
// be followed and switched. Messages with the same ParentID are siblings:
// a regenerated reply, or an edited prompt, beside the original.
type Tree struct {
	msgs     []Message
	index    map[string]int
	children map[string][]int
}

// NewTree indexes msgs, which are in the order they were added (as Load
// returns them). A message whose parent is missing is a root.
func NewTree(msgs []Message) *Tree {
	t := &Tree{msgs: msgs, index: make(map[string]int, len(msgs)), children: map[string][]int{}}
	for i, m := range msgs {
		t.index[m.ID] = i
	}
	for i, m := range msgs {
		parent := m.ParentID
		if _, ok := t.index[parent]; !ok {
			parent = ""
		}
		t.children[parent] = append(t.children[parent], i)
	}
	return t
}

// Message returns the message with id.
func (t *Tree) Message(id string) (Message, bool) {
	i, ok := t.index[id]
	if !ok {
		return Message{}, false
	}
	return t.msgs[i], true
}

// Path returns the messages from the root to leafID, in order. An empty or
// unknown leafID stands for the newest message. It never loops, even on
// a store whose parent links were damaged into a cycle.
func (t *Tree) Path(leafID string) []Message {
	i, ok := t.index[leafID]
	if !ok {
		if len(t.msgs) == 0 {
			return nil
		}
		i, ok = len(t.msgs)-1, true
	}
	var rev []Message
	seen := map[int]bool{}
	for ok && !seen[i] {
		seen[i] = true
		rev = append(rev, t.msgs[i])
		i, ok = t.index[t.msgs[i].ParentID]
	}
	out := make([]Message, len(rev))
	for k, m := range rev {
		out[len(rev)-1-k] = m
	}
	return out
}

// Siblings returns the IDs of the messages that share id's parent, id
// included, oldest first.
func (t *Tree) Siblings(id string) []string {
	i, ok := t.index[id]
	if !ok {
		return nil
	}
	parent := t.msgs[i].ParentID
	if _, ok := t.index[parent]; !ok {
		parent = ""
	}
	var ids []string
	for _, k := range t.children[parent] {
		ids = append(ids, t.msgs[k].ID)
	}
	return ids
}

// NewestLeaf returns the newest message at or under id: where a switch to
// the branch through id lands.
func (t *Tree) NewestLeaf(id string) string {
	i, ok := t.index[id]
	if !ok {
		return ""
	}
	for {
		kids := t.children[t.msgs[i].ID]
		if len(kids) == 0 {
			return t.msgs[i].ID
		}
		i = kids[len(kids)-1]
	}
}

// Branches counts the leaves of the tree: 1 for a conversation that never
// branched.
func (t *Tree) Branches() int {
	n := 0
	for _, m := range t.msgs {
		if len(t.children[m.ID]) == 0 {
			n++
		}
	}
	return n
}
