"""Picks a backup from `barman-cloud-backup-list --format json` (stdin) for the restore drill.

Prints "<backup id> <end time as epoch seconds>" of the newest completed backup (argument
`latest`) or of the given backup id; exits non-zero when there is none. Run by drill.sh.
"""

import datetime
import json
import sys


def ended(backup):
    """End time in epoch seconds: barman 3.x prints ctime-style UTC times; ISO 8601 is accepted too."""
    try:
        end = datetime.datetime.strptime(backup["end_time"], "%a %b %d %H:%M:%S %Y")
    except ValueError:
        end = datetime.datetime.fromisoformat(backup["end_time"])
    return int((end if end.tzinfo else end.replace(tzinfo=datetime.timezone.utc)).timestamp())


def main():
    want = sys.argv[1]
    try:
        listed = json.load(sys.stdin)["backups_list"]
    except (ValueError, KeyError):
        sys.exit("could not read the backup catalogue (see the barman-cloud-backup-list error above)")
    # Sorted by time, not by the printed string: ctime strings do not sort chronologically.
    done = sorted((ended(b), b["backup_id"]) for b in listed if b.get("status") == "DONE")
    pick = done[-1:] if want == "latest" else [d for d in done if d[1] == want]
    if not pick:
        sys.exit(f"no completed backup {want!r} in the catalogue")
    print(pick[0][1], pick[0][0])


if __name__ == "__main__":
    main()
