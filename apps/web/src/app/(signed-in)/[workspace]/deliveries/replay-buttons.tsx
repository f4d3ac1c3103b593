"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { PRIMARY, SECONDARY } from "@/components/button-styles";
import { replayDeliveryAction, replayFailedAction } from "./actions";

type Result = Awaited<ReturnType<typeof replayDeliveryAction>>;

function announce(result: Result): boolean {
  if (result.status === "replayed") {
    toast.success(
      result.count === 1 ? "Replayed 1 delivery: it is being processed again." : `Replayed ${result.count} deliveries.`,
    );
    return true;
  }
  toast.error(result.error);
  return false;
}

/** Replays one delivery (admins). */
export function ReplayButton({ workspace, id }: { workspace: string; id: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className={PRIMARY}
      disabled={pending}
      onClick={() => {
        startTransition(async () => {
          if (announce(await replayDeliveryAction({ workspace, id }))) router.refresh();
        });
      }}
    >
      {pending ? "Replaying…" : "Replay"}
    </button>
  );
}

/** "Replay all failed": says how many first, and replays them only once confirmed. */
export function ReplayAllFailed({ workspace, count }: { workspace: string; count: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  if (count === 0) return null;
  if (!confirming) {
    return (
      <button type="button" className={SECONDARY} onClick={() => setConfirming(true)}>
        Replay all failed…
      </button>
    );
  }
  return (
    <div role="group" aria-label="Confirm replay" className="flex flex-wrap items-center gap-2">
      <span className="text-sm text-slate-700">
        Replay {count} failed {count === 1 ? "delivery" : "deliveries"}?
      </span>
      <button
        type="button"
        className={PRIMARY}
        disabled={pending}
        onClick={() => {
          startTransition(async () => {
            announce(await replayFailedAction({ workspace, expected: count }));
            setConfirming(false);
            router.refresh();
          });
        }}
      >
        {pending ? "Replaying…" : `Replay ${count}`}
      </button>
      <button type="button" className={SECONDARY} disabled={pending} onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </div>
  );
}
