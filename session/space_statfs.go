//go:build linux || darwin || freebsd

package session

import "syscall"

func statDiskFree(dir string) (free, inodes uint64, ok bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, 0, false
	}
	inodes = uint64(st.Ffree)
	if st.Files == 0 {
		inodes = ^uint64(0) // No limit on files (btrfs, for one).
	}
	return uint64(st.Bavail) * uint64(st.Bsize), inodes, true
}
