#!/bin/sh
# An agent that finishes its work but leaves a background child holding its stdout.
sleep 60 &
echo $! > child.pid
echo "done"
exit 0
