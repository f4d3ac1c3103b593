#!/bin/sh
# An agent that leaves a process behind: a child in a session of its own (setsid), which killing
# the agent's process group misses. The child sleeps, then for a minute keeps trying to write
# planted.txt into this checkout (through its working folder and by path), into every folder
# named on a line of the prompt (say, the next run's checkout), into the working folder of every
# process it can see, and into every checkout and home Suture makes in /tmp. It writes
# escapee.pid here first; the agent exits once that is written.
setsid sh -c '
  echo $$ > escapee.pid
  sleep 0.3
  end=$(( $(date +%s) + 60 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    for dir in "$@" /proc/[0-9]*/cwd /tmp/suture-*/repo /tmp/suture-*/home; do
      echo "planted by a process that outlived its run" > "$dir/planted.txt"
    done
    sleep 0.1
  done
' escapee . "$PWD" $(cat "$SUTURE_PROMPT_FILE") </dev/null >/dev/null 2>&1 &
while [ ! -s escapee.pid ]; do sleep 0.02; done
echo "left a process behind"
