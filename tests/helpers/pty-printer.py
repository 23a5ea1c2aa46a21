"""A fake printer behind a pseudo-terminal, for the usb: and serial: transport tests.

Prints the slave device path on its first line, then answers DLE EOT n on the master side with
the status bytes given as argv[1..4] (hex; "-" = never answer). On stdin, "dump" prints everything
received so far as hex on one line; end of stdin stops it.
"""
import os
import pty
import select
import sys
import tty

status = {}
for n, arg in enumerate(sys.argv[1:5], start=1):
    if arg != "-":
        status[n] = int(arg, 16)

master, slave = pty.openpty()
tty.setraw(slave)
print(os.ttyname(slave), flush=True)
received = bytearray()

while True:
    ready, _, _ = select.select([master, sys.stdin], [], [])
    if sys.stdin in ready:
        line = sys.stdin.readline()
        if not line:
            break
        if line.strip() == "dump":
            print(received.hex(), flush=True)
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:
            continue
        for byte in data:
            received.append(byte)
            if len(received) >= 3 and received[-3] == 0x10 and received[-2] == 0x04 and byte in status:
                os.write(master, bytes([status[byte]]))
