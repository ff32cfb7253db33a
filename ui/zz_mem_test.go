package ui

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
)

func TestZZResumeHeap(t *testing.T) {
	msg := longHistory(5000)
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	m := resumed(t, 0)
	m, _ = step(m, msg)
	_ = m.View()
	runtime.GC()
	runtime.ReadMemStats(&b)
	f, _ := os.Create("/tmp/resume.heap")
	pprof.WriteHeapProfile(f)
	f.Close()
	t.Logf("heap growth %d KB for 5000 messages; entries %d", (int64(b.HeapAlloc)-int64(a.HeapAlloc))/1024, len(m.tr.entries))
	runtime.KeepAlive(m)
}
