# Runs the conformance replay (replay.py, imported from the directory given
# first) with the rest of the arguments, and writes every answer PressPass
# gave, by case, to the file named second: [{"file", "status", "body"}].
# replay.py keeps no bodies in its report; TestKeyOrderAsWordPress needs them
# to compare the order of the members with WordPress's.
import json
import sys

conformance, out = sys.argv[1], sys.argv[2]
sys.path.insert(0, conformance)
import replay  # noqa: E402

answers = []
compare = replay.Comparison.run


def recording_run(self):
    answers.append({"file": self.case.file, "status": self.status, "body": self.text})
    return compare(self)


replay.Comparison.run = recording_run
sys.argv = ["replay.py"] + sys.argv[3:]
replay.main()
with open(out, "w", encoding="utf-8") as f:
    json.dump(answers, f, ensure_ascii=False)
