// Real examples copied from docs/PROTOCOL.md. Snapshots: §9.8. Envelopes and events: §4.3, §7.2, §8, §8.1,
// §8.2, §9.2–§9.12, §13.2 (the events are the documented ones; the sequences that join them into one room
// are ours, with seq numbers that follow each other).

/** §9.8: the snapshot seen by p2 (Ben) during a live retro with a private writing phase (p3's n8 absent). */
export const RETRO_SNAPSHOT_P2 = {
  "roomId": "KnTpnRf-p7C91d19",
  "meeting": {"title":"Retro","goal":"Agree the next steps","kind":"discussion","scheduledStart":1795228133570,"plannedMinutes":60,"status":"live","startedAt":1795228134697,"version":1},
  "participants": {"p1":{"id":"p1","name":"Ana","department":"Ops","role":"facilitator","connections":["5c8ee62e-2c20-47ca-9f06-ca7c03d665b1"],"attended":true,"joinedAt":1795228133570},"p2":{"id":"p2","name":"Ben","department":"Sales","role":"participant","connections":["9ba74a97-1316-45cd-8df7-554dfe5a7cb1"],"attended":true,"joinedAt":1795228133611},"p3":{"id":"p3","name":"Cy","department":"Sales","role":"participant","connections":["aee269df-62ad-4a9f-8819-fadc1846ac25"],"attended":true,"joinedAt":1795228133635}},
  "agenda": [{"id":"i14","title":"Retro","owner":"Ana","timeboxSeconds":600,"expectedOutput":"Top three problems","kind":"discuss","status":"active","version":1,"actualMs":0}],
  "countdown": {"itemId":"i14","running":true,"deadline":1795228734697,"remainingMs":600000,"runningSince":1795228134697,"timeUpFired":false},
  "floor": {"speakerId":"p3","since":1795228134705,"deadline":1795228314705,"timeUpFired":false},
  "queue": [],
  "speakerLimitSeconds": 180,
  "speakingMs": {},
  "departmentSpeakingMs": {},
  "board": {"template":"problem_cause_solution_risk","writingPhase":true,"anonymous":true,"dotLimit":3},
  "notes": {"n4":{"id":"n4","text":"Deploys take 40 minutes","colour":"yellow","x":40,"y":60,"lane":"problem","authorId":"p1","clusterId":"g6","hidden":false,"anonymous":false,"version":1,"dots":{},"totalDots":0,"createdAt":1795228134576},"n5":{"id":"n5","text":"Flaky integration tests","colour":"pink","x":320,"y":60,"lane":"cause","clusterId":"g6","hidden":false,"anonymous":true,"version":1,"dots":{"p2":2},"totalDots":3,"createdAt":1795228134585},"n7":{"id":"n7","text":"Nobody owns the pipeline","colour":"green","x":40,"y":200,"lane":"problem","hidden":true,"anonymous":true,"version":1,"dots":{},"totalDots":0,"createdAt":1795228134631}},
  "clusters": {"g6":{"id":"g6","name":"Pipeline"}},
  "motions": {"m9":{"id":"m9","text":"Ship on 1 July","anonymous":false,"hiddenResults":false,"quorum":2,"rule":"simple_majority","open":false,"votes":{"p3":"agree","p2":"agree"},"tally":{"agree":2,"oppose":0,"neutral":0,"voters":2},"openedAt":1795228134639,"closedAt":1795228134652,"present":3,"outcome":"passed"},"m11":{"id":"m11","text":"Freeze merges for a week","anonymous":true,"hiddenResults":true,"quorum":0,"rule":"simple_majority","open":true,"votes":{"p2":"agree"},"tally":{"voters":2},"openedAt":1795228134656}},
  "minutes": {"text":"# Retro\n- Deploys are slow\n","revision":2,"history":[],"finalized":false},
  "decisions": [{"id":"d10","text":"Motion \"Ship on 1 July\": passed (2 agree, 0 oppose, 0 neutral)","decidedBy":"motion","motionId":"m9","at":1795228134652}],
  "actionItems": [{"id":"a12","task":"Split the integration suite","owner":"Cy","standard":"CI under 15 minutes","deadline":"2026-07-15","status":"open","version":1,"createdAt":1795228134684}],
  "parkingLot": [{"id":"k13","text":"Office move","authorId":"p2","forNextMeeting":false,"at":1795228134687}],
  "serial": 14,
};

/** §9.8: a finished meeting (after a HandOff, a speaking turn, EndMeeting and FinalizeMinutes). */
export const ENDED_SNAPSHOT = {
  "roomId": "WKphw8x7lSNoMyHi",
  "meeting": {"title":"Retro","goal":"Agree the next steps","kind":"discussion","scheduledStart":1795228135027,"plannedMinutes":60,"status":"ended","startedAt":1795228135695,"endedAt":1795228136166,"version":1},
  "participants": {"p1":{"id":"p1","name":"Ana","department":"Ops","role":"participant","connections":["79b9f67b-ff90-4a7c-8b28-b993ed05391e"],"attended":true,"joinedAt":1795228135027},"p2":{"id":"p2","name":"Ben","department":"Sales","role":"facilitator","connections":["38b6d943-cbb1-4519-bc7d-d798688332d1"],"attended":true,"joinedAt":1795228135042},"p3":{"id":"p3","name":"Cy","department":"Sales","role":"participant","connections":[],"attended":false,"joinedAt":1795228135052}},
  "agenda": [{"id":"i4","title":"Staffing","owner":"Ana","timeboxSeconds":600,"expectedOutput":"","kind":"decide","status":"done","version":1,"actualMs":471,"completedAt":1795228136166}],
  "queue": [],
  "speakerLimitSeconds": 180,
  "speakingMs": {"p2":406},
  "departmentSpeakingMs": {"Sales":406},
  "board": {"template":"free","writingPhase":false,"anonymous":false,"dotLimit":0},
  "notes": {},
  "clusters": {},
  "motions": {},
  "minutes": {"text":"# Weekly ops\nWe hire two contractors.\n","revision":1,"history":[],"finalized":true,"finalizedAt":1795228136172},
  "decisions": [{"id":"d5","text":"Hire two contractors for Q4","itemId":"i4","decidedBy":"facilitator","at":1795228136137}],
  "actionItems": [{"id":"a6","task":"Post the job ads","owner":"Ben","standard":"","deadline":"2026-07-10","itemId":"i4","status":"open","version":1,"createdAt":1795228136141}],
  "parkingLot": [],
  "serial": 6,
};
