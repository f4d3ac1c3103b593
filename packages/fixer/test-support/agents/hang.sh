#!/bin/sh
# A stuck agent: a background child of its own, then waiting forever.
sleep 300 &
echo $! > child.pid
echo $$ > agent.pid
echo "working..."
sleep 300
