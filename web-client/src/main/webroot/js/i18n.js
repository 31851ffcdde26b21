// UI strings of the Roundtable web client in English and Simplified Chinese. Plain ES module, no dependencies.
//
//   t('timer.timeLeft', {time: '04:59'})   → "04:59 left" / "剩余 04:59"
//   t('vote.votedCount', {n: 1})           → "1 has voted" (plural forms chosen with Intl.PluralRules)
//   errorMessage('STALE_VERSION')          → a friendly message for a protocol error code
//
// Keys are flat dotted names. Enum values of the protocol (lower-case wire form) are used as the last part of
// the key where there is one: role.facilitator, itemKind.open_discussion, action.status.in_progress, …
// A value is a string with {name} placeholders, or {one, other} (and other CLDR plural categories) chosen
// by params.n. Missing keys fall back to English, then to the key itself; a placeholder without a parameter
// is left as it is.
//
// The locale is the one the user chose (kept in localStorage under 'roundtable.locale'), else the first of
// navigator.languages that is Chinese (zh*, shown as zh-CN) or English, else English.

export const LOCALES = Object.freeze(['en', 'zh-CN']);
export const DEFAULT_LOCALE = 'en';
const STORAGE_KEY = 'roundtable.locale';

const EN = {
  // ---------- general ----------
  'app.name': 'Roundtable',
  'app.tagline': 'Start a meeting room, or join one with its code.',
  'common.loading': 'Loading…',
  'common.pleaseWait': 'Please wait…',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.add': 'Add',
  'common.edit': 'Edit',
  'common.delete': 'Delete',
  'common.remove': 'Remove',
  'common.confirm': 'Confirm',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.none': 'None',
  'common.optional': '(optional)',
  'common.retry': 'Try again',
  'common.refresh': 'Refresh',
  'common.back': 'Back',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'common.you': 'you',
  'common.language': 'Language',
  'common.updatedAt': 'Updated at {time}.',
  'locale.en': 'English',
  'locale.zh-CN': '简体中文',

  // ---------- connection ----------
  'conn.connecting': 'Connecting…',
  'conn.online': 'Online',
  'conn.offline': 'Offline — reconnecting…',
  'conn.reconnectingIn': 'Offline — reconnecting in {s} s',
  'conn.syncing': 'Synchronising…',
  'conn.reconnected': 'Connected again',
  'conn.sessionExpired': 'Your session has expired. Join the meeting again.',

  // ---------- people and roles ----------
  'role.facilitator': 'Facilitator',
  'role.participant': 'Participant',
  'role.screen': 'Shared screen',
  'role.facilitator.hint': 'runs the meeting',
  'role.participant.hint': 'a person taking part',
  'role.screen.hint': 'the meeting room’s display; read-only',
  'people.participants': 'Participants',
  'people.online': 'Online',
  'people.present': 'Present ({n})',
  'people.absent': 'Absent ({n})',
  'people.department': 'Department',
  'people.onlineCount': { one: '{n} person online', other: '{n} people online' },

  // ---------- meeting ----------
  'meeting.title': 'Title',
  'meeting.goal': 'Goal',
  'meeting.kind': 'Kind',
  'meeting.status': 'Status',
  'meetingKind.decision': 'Decision',
  'meetingKind.discussion': 'Discussion',
  'meetingKind.information': 'Information',
  'meetingKind.decision.hint': 'the group decides something',
  'meetingKind.discussion.hint': 'the group talks a topic through',
  'meetingKind.information.hint': 'people are informed',
  'meetingStatus.scheduled': 'Scheduled',
  'meetingStatus.live': 'Live',
  'meetingStatus.ended': 'Ended',
  'meeting.start': 'Start meeting',
  'meeting.end': 'End meeting',
  'meeting.endConfirm': 'End the meeting for everyone?',

  // ---------- agenda items ----------
  'itemKind.inform': 'Inform',
  'itemKind.discuss': 'Discuss',
  'itemKind.decide': 'Decide',
  'itemKind.open_discussion': 'Open discussion',
  'itemStatus.pending': 'Pending',
  'itemStatus.active': 'In progress',
  'itemStatus.done': 'Done',
  'itemStatus.deferred': 'Deferred',

  // ---------- facilitator console ----------
  'console.title': 'Facilitator console',
  'agenda.title': 'Agenda',
  'agenda.addItem': 'Add item',
  'agenda.itemTitle': 'Title',
  'agenda.owner': 'Owner',
  'agenda.timebox': 'Time-box',
  'agenda.timeboxMinutes': 'Time-box (minutes)',
  'agenda.expectedOutput': 'Expected output',
  'agenda.kind': 'Kind',
  'agenda.currentItem': 'Current item',
  'agenda.empty': 'No agenda items yet.',
  'agenda.actual': 'Actual time: {time}',
  'agenda.start': 'Start',
  'agenda.pause': 'Pause',
  'agenda.resume': 'Resume',
  'agenda.extend': 'Extend',
  'agenda.extendBy': 'Extend by {n} min',
  'agenda.complete': 'Complete',
  'agenda.defer': 'Defer',
  'agenda.reset': 'Reset',
  'agenda.handOff': 'Hand off',
  'agenda.handOffTo': 'Hand facilitation off to {name}',
  'agenda.moveUp': 'Move up',
  'agenda.moveDown': 'Move down',

  // ---------- timer ----------
  'timer.timeLeft': '{time} left',
  'timer.overrunBy': 'Overrun by {time}',
  'timer.paused': 'Paused',
  'timer.timeIsUp': 'Time is up',
  'timer.notStarted': 'Not started',

  // ---------- speaker queue ----------
  'speaker.queue': 'Speaker queue',
  'speaker.raiseHand': 'Raise hand',
  'speaker.lowerHand': 'Lower hand',
  'speaker.giveFloor': 'Give floor',
  'speaker.endTurn': 'End turn',
  'speaker.speaking': 'Speaking',
  'speaker.isSpeaking': '{name} is speaking',
  'speaker.nobodySpeaking': 'Nobody has the floor',
  'speaker.queueEmpty': 'Nobody is waiting to speak',
  'speaker.position': 'You are number {n} in the queue',
  'speaker.handRaised': 'Hand raised',

  // ---------- votes ----------
  'vote.motion': 'Motion',
  'vote.motions': 'Motions',
  'vote.motionText': 'Motion text',
  'vote.agree': 'Agree',
  'vote.oppose': 'Oppose',
  'vote.neutral': 'Neutral',
  'vote.votedCount': { one: '{n} has voted', other: '{n} have voted' },
  'vote.yourVote': 'Your vote: {choice}',
  'vote.tally': '{agree} agree · {oppose} oppose · {neutral} neutral',
  'vote.outcome.passed': 'Passed',
  'vote.outcome.failed': 'Failed',
  'vote.outcome.no_quorum': 'No quorum',
  'vote.openMotion': 'Open motion',
  'vote.closeMotion': 'Close motion',
  'vote.open': 'Open',
  'vote.closed': 'Closed',
  'vote.anonymous': 'Anonymous',
  'vote.anonymous.hint': 'Nobody sees who voted what',
  'vote.hiddenResults': 'Hidden results',
  'vote.hiddenResults.hint': 'Results are shown when the motion closes',
  'vote.quorum': 'Quorum',
  'vote.quorum.hint': 'Votes needed for any outcome; 0 means none',
  'vote.rule': 'Rule',
  'vote.rules': 'Rules',
  'vote.rule.simple_majority': 'Simple majority',
  'vote.rule.majority_of_present': 'Majority of those present',
  'vote.rule.at_least_n': 'At least N in favour',
  'vote.threshold': 'Votes in favour needed',
  'decision.decidedBy.motion': 'Decided by vote',
  'decision.decidedBy.facilitator': 'Decided by the facilitator',

  // ---------- board ----------
  'board.title': 'Board',
  'board.addNote': 'Add note',
  'board.notePlaceholder': 'Write an idea…',
  'board.empty': 'No notes yet.',
  'board.privatePhase': 'Private writing phase',
  'board.privatePhase.hint': 'Notes stay private until they are revealed',
  'board.startPrivatePhase': 'Start private writing',
  'board.reveal': 'Reveal',
  'board.anonymous': 'Anonymous',
  'board.dotVotes': 'Dot votes',
  'board.dotsLeft': { one: 'You have {n} dot left', other: 'You have {n} dots left' },
  'board.addDot': 'Add a dot',
  'board.removeDot': 'Remove a dot',
  'board.template': 'Template',
  'board.template.free': 'Free',
  'board.template.five_w_one_h': '5W1H',
  'board.template.problem_cause_solution_risk': 'Problem / cause / solution / risk',
  'board.lane': 'Lane',
  'board.lane.none': 'No lane',
  'board.lane.what': 'What',
  'board.lane.who': 'Who',
  'board.lane.when': 'When',
  'board.lane.where': 'Where',
  'board.lane.why': 'Why',
  'board.lane.how': 'How',
  'board.lane.problem': 'Problem',
  'board.lane.cause': 'Cause',
  'board.lane.solution': 'Solution',
  'board.lane.risk': 'Risk',
  'board.cluster': 'Cluster',
  'board.clusterName': 'Cluster name',
  'board.ungroup': 'Ungroup',
  'board.colour': 'Colour',
  'colour.yellow': 'Yellow',
  'colour.pink': 'Pink',
  'colour.green': 'Green',
  'colour.blue': 'Blue',
  'colour.orange': 'Orange',
  'colour.purple': 'Purple',

  // ---------- minutes ----------
  'minutes.title': 'Minutes',
  'minutes.text': 'Minutes text',
  'minutes.decisions': 'Decisions',
  'minutes.addDecision': 'Record decision',
  'minutes.actionItems': 'Action items',
  'minutes.addActionItem': 'Add action item',
  'minutes.parkingLot': 'Parking lot',
  'minutes.park': 'Park a point',
  'minutes.attendees': 'Attendees',
  'minutes.nextMeeting': 'Suggested next meeting',
  'minutes.finalize': 'Finalize minutes',
  'minutes.finalizeConfirm': 'Finalize the minutes? Afterwards nobody can change them.',
  'minutes.final': 'Final',
  'minutes.readOnly': 'The minutes are final and read-only.',
  'minutes.exportMarkdown': 'Export Markdown',
  'minutes.printableHtml': 'Printable HTML',
  'minutes.saving': 'Saving…',
  'minutes.saved': 'All changes saved',
  'action.task': 'Task',
  'action.owner': 'Owner',
  'action.deliveryStandard': 'Delivery standard',
  'action.deadline': 'Deadline',
  'action.status': 'Status',
  'action.status.open': 'Open',
  'action.status.in_progress': 'In progress',
  'action.status.done': 'Done',
  'action.status.blocked': 'Blocked',

  // ---------- start and join page ----------
  'start.heading': 'Start a meeting',
  'start.hint': 'You become its facilitator.',
  'start.title': 'Title',
  'start.goal': 'Goal',
  'start.goalHint': 'Write it as verb + result, e.g. “Decide the Q3 launch date”.',
  'start.kind': 'Kind of meeting',
  'start.plannedMinutes': 'Planned length (minutes)',
  'start.plannedMinutesHint': '1 to 1440.',
  'start.yourName': 'Your name',
  'start.department': 'Your department',
  'start.submit': 'Start meeting',
  'start.failed': 'Could not start the meeting: {reason}',
  'join.heading': 'Join a meeting',
  'join.hint': 'Use the code the facilitator shared.',
  'join.code': 'Join code',
  'join.codeHint': '6 characters, e.g. 26LUTR.',
  'join.yourName': 'Your name',
  'join.department': 'Your department',
  'join.as': 'Join as',
  'join.submit': 'Join meeting',
  'join.failed': 'Could not join the meeting: {reason}',
  'join.shareCode': 'Join code — share it with the participants',
  'join.shareLink': 'Or share this link:',
  'session.yourMeeting': 'Your meeting',
  'session.roomId': 'Room id',
  'session.youAre': 'You are',
  'session.openRoom': 'Open the room',
  'session.forget': 'Forget this meeting in this tab',
  'form.required': '{field} is required.',
  'form.range': '{field} must be a whole number from {min} to {max}.',
  'form.tooLong': '{field} is too long (at most {max} characters).',

  // ---------- errors (ErrorCode.java) ----------
  'error.BAD_JSON': 'The request could not be read. Reload the page and try again.',
  'error.UNKNOWN_COMMAND': 'The server does not know this action. Reload the page to get the current version.',
  'error.INVALID_FIELD': 'Some of the information is missing or not valid.',
  'error.TOO_LARGE': 'That is too long.',
  'error.UNAUTHORIZED': 'Your session has expired or is not valid. Join the meeting again.',
  'error.FORBIDDEN': 'Your role does not allow this.',
  'error.WRONG_ROOM': 'Your access belongs to another meeting room.',
  'error.ROOM_NOT_FOUND': 'No meeting has this code. Check the code and try again.',
  'error.ROOM_EXISTS': 'This meeting room already exists.',
  'error.NOT_FOUND': 'Not found.',
  'error.ITEM_NOT_FOUND': 'This agenda item no longer exists.',
  'error.NOTE_NOT_FOUND': 'This note no longer exists.',
  'error.CLUSTER_NOT_FOUND': 'This cluster no longer exists.',
  'error.MOTION_NOT_FOUND': 'This motion no longer exists.',
  'error.ACTION_ITEM_NOT_FOUND': 'This action item no longer exists.',
  'error.POINT_NOT_FOUND': 'This parked point no longer exists.',
  'error.MINUTES_FINALIZED': 'The minutes are final and can no longer be changed.',
  'error.PARTICIPANT_NOT_FOUND': 'This person is not in the meeting.',
  'error.STALE_VERSION': 'Someone else changed this in the meantime. The latest version is shown; please try again.',
  'error.INVALID_STATE': 'That is not possible right now.',
  'error.MEETING_ENDED': 'The meeting has ended.',
  'error.LIMIT_REACHED': 'The limit has been reached.',
  'error.RATE_LIMITED': 'Too many actions at once. Wait a moment and try again.',
  'error.UNAVAILABLE': 'The meeting room is busy or unavailable. Please try again shortly.',
  'error.INTERNAL': 'Something went wrong on the server. Please try again.',
  'error.NETWORK': 'Could not reach the Roundtable server. Check the connection and try again.',
  'error.UNREADABLE': 'The server sent an answer this page cannot read.',
  'error.UNKNOWN': 'Something went wrong. Please try again.',
};

const ZH = {
  // ---------- general ----------
  'app.name': 'Roundtable',
  'app.tagline': '创建会议室，或使用会议代码加入会议。',
  'common.loading': '加载中…',
  'common.pleaseWait': '请稍候…',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.close': '关闭',
  'common.add': '添加',
  'common.edit': '编辑',
  'common.delete': '删除',
  'common.remove': '移除',
  'common.confirm': '确认',
  'common.yes': '是',
  'common.no': '否',
  'common.none': '无',
  'common.optional': '（可选）',
  'common.retry': '重试',
  'common.refresh': '刷新',
  'common.back': '返回',
  'common.copy': '复制',
  'common.copied': '已复制',
  'common.you': '你',
  'common.language': '语言',
  'common.updatedAt': '更新于 {time}。',
  'locale.en': 'English',
  'locale.zh-CN': '简体中文',

  // ---------- connection ----------
  'conn.connecting': '正在连接…',
  'conn.online': '在线',
  'conn.offline': '离线 — 正在重新连接…',
  'conn.reconnectingIn': '离线 — {s} 秒后重新连接',
  'conn.syncing': '正在同步…',
  'conn.reconnected': '已重新连接',
  'conn.sessionExpired': '你的会话已过期，请重新加入会议。',

  // ---------- people and roles ----------
  'role.facilitator': '主持人',
  'role.participant': '参会者',
  'role.screen': '共享屏幕',
  'role.facilitator.hint': '主持会议',
  'role.participant.hint': '参加会议的人',
  'role.screen.hint': '会议室的显示屏；只读',
  'people.participants': '参会者',
  'people.online': '在线',
  'people.present': '出席（{n}）',
  'people.absent': '缺席（{n}）',
  'people.department': '部门',
  'people.onlineCount': { other: '{n} 人在线' },

  // ---------- meeting ----------
  'meeting.title': '标题',
  'meeting.goal': '目标',
  'meeting.kind': '类型',
  'meeting.status': '状态',
  'meetingKind.decision': '决策会',
  'meetingKind.discussion': '讨论会',
  'meetingKind.information': '通报会',
  'meetingKind.decision.hint': '大家共同做出决定',
  'meetingKind.discussion.hint': '大家深入讨论一个话题',
  'meetingKind.information.hint': '向大家通报信息',
  'meetingStatus.scheduled': '未开始',
  'meetingStatus.live': '进行中',
  'meetingStatus.ended': '已结束',
  'meeting.start': '开始会议',
  'meeting.end': '结束会议',
  'meeting.endConfirm': '要为所有人结束会议吗？',

  // ---------- agenda items ----------
  'itemKind.inform': '通报',
  'itemKind.discuss': '讨论',
  'itemKind.decide': '决策',
  'itemKind.open_discussion': '自由讨论',
  'itemStatus.pending': '待开始',
  'itemStatus.active': '进行中',
  'itemStatus.done': '已完成',
  'itemStatus.deferred': '已推迟',

  // ---------- facilitator console ----------
  'console.title': '主持人控制台',
  'agenda.title': '议程',
  'agenda.addItem': '添加议题',
  'agenda.itemTitle': '标题',
  'agenda.owner': '负责人',
  'agenda.timebox': '限时',
  'agenda.timeboxMinutes': '限时（分钟）',
  'agenda.expectedOutput': '预期产出',
  'agenda.kind': '类型',
  'agenda.currentItem': '当前议题',
  'agenda.empty': '还没有议题。',
  'agenda.actual': '实际用时：{time}',
  'agenda.start': '开始',
  'agenda.pause': '暂停',
  'agenda.resume': '继续',
  'agenda.extend': '延长',
  'agenda.extendBy': '延长 {n} 分钟',
  'agenda.complete': '完成',
  'agenda.defer': '推迟',
  'agenda.reset': '重置',
  'agenda.handOff': '移交',
  'agenda.handOffTo': '将主持权移交给 {name}',
  'agenda.moveUp': '上移',
  'agenda.moveDown': '下移',

  // ---------- timer ----------
  'timer.timeLeft': '剩余 {time}',
  'timer.overrunBy': '已超时 {time}',
  'timer.paused': '已暂停',
  'timer.timeIsUp': '时间到',
  'timer.notStarted': '未开始',

  // ---------- speaker queue ----------
  'speaker.queue': '发言队列',
  'speaker.raiseHand': '举手',
  'speaker.lowerHand': '放下手',
  'speaker.giveFloor': '请其发言',
  'speaker.endTurn': '结束发言',
  'speaker.speaking': '正在发言',
  'speaker.isSpeaking': '{name} 正在发言',
  'speaker.nobodySpeaking': '当前无人发言',
  'speaker.queueEmpty': '没有人在排队发言',
  'speaker.position': '你在队列中排第 {n} 位',
  'speaker.handRaised': '已举手',

  // ---------- votes ----------
  'vote.motion': '表决事项',
  'vote.motions': '表决',
  'vote.motionText': '表决内容',
  'vote.agree': '赞成',
  'vote.oppose': '反对',
  'vote.neutral': '中立',
  'vote.votedCount': { other: '已有 {n} 人投票' },
  'vote.yourVote': '你的投票：{choice}',
  'vote.tally': '赞成 {agree} · 反对 {oppose} · 中立 {neutral}',
  'vote.outcome.passed': '通过',
  'vote.outcome.failed': '未通过',
  'vote.outcome.no_quorum': '未达法定人数',
  'vote.openMotion': '发起表决',
  'vote.closeMotion': '结束表决',
  'vote.open': '进行中',
  'vote.closed': '已结束',
  'vote.anonymous': '匿名',
  'vote.anonymous.hint': '没有人能看到谁投了什么票',
  'vote.hiddenResults': '隐藏结果',
  'vote.hiddenResults.hint': '表决结束后才显示结果',
  'vote.quorum': '法定人数',
  'vote.quorum.hint': '得出结果所需的最少票数；0 表示不限',
  'vote.rule': '规则',
  'vote.rules': '表决规则',
  'vote.rule.simple_majority': '简单多数',
  'vote.rule.majority_of_present': '出席者过半数',
  'vote.rule.at_least_n': '至少 N 票赞成',
  'vote.threshold': '所需赞成票数',
  'decision.decidedBy.motion': '经表决决定',
  'decision.decidedBy.facilitator': '由主持人决定',

  // ---------- board ----------
  'board.title': '白板',
  'board.addNote': '添加便签',
  'board.notePlaceholder': '写下一个想法…',
  'board.empty': '还没有便签。',
  'board.privatePhase': '独立书写阶段',
  'board.privatePhase.hint': '便签在公开之前只有自己可见',
  'board.startPrivatePhase': '开始独立书写',
  'board.reveal': '公开',
  'board.anonymous': '匿名',
  'board.dotVotes': '圆点投票',
  'board.dotsLeft': { other: '你还剩 {n} 个圆点' },
  'board.addDot': '投一个圆点',
  'board.removeDot': '撤回一个圆点',
  'board.template': '模板',
  'board.template.free': '自由',
  'board.template.five_w_one_h': '5W1H',
  'board.template.problem_cause_solution_risk': '问题 / 原因 / 方案 / 风险',
  'board.lane': '分栏',
  'board.lane.none': '不分栏',
  'board.lane.what': '何事',
  'board.lane.who': '何人',
  'board.lane.when': '何时',
  'board.lane.where': '何地',
  'board.lane.why': '为何',
  'board.lane.how': '如何',
  'board.lane.problem': '问题',
  'board.lane.cause': '原因',
  'board.lane.solution': '方案',
  'board.lane.risk': '风险',
  'board.cluster': '归组',
  'board.clusterName': '分组名称',
  'board.ungroup': '取消分组',
  'board.colour': '颜色',
  'colour.yellow': '黄色',
  'colour.pink': '粉色',
  'colour.green': '绿色',
  'colour.blue': '蓝色',
  'colour.orange': '橙色',
  'colour.purple': '紫色',

  // ---------- minutes ----------
  'minutes.title': '会议纪要',
  'minutes.text': '纪要正文',
  'minutes.decisions': '决议',
  'minutes.addDecision': '记录决议',
  'minutes.actionItems': '行动项',
  'minutes.addActionItem': '添加行动项',
  'minutes.parkingLot': '暂存议题',
  'minutes.park': '暂存一个议题',
  'minutes.attendees': '参会人员',
  'minutes.nextMeeting': '建议的下次会议',
  'minutes.finalize': '定稿',
  'minutes.finalizeConfirm': '确定要将会议纪要定稿吗？定稿后任何人都无法修改。',
  'minutes.final': '已定稿',
  'minutes.readOnly': '会议纪要已定稿，只读。',
  'minutes.exportMarkdown': '导出 Markdown',
  'minutes.printableHtml': '可打印的 HTML',
  'minutes.saving': '正在保存…',
  'minutes.saved': '所有更改已保存',
  'action.task': '任务',
  'action.owner': '负责人',
  'action.deliveryStandard': '交付标准',
  'action.deadline': '截止日期',
  'action.status': '状态',
  'action.status.open': '未开始',
  'action.status.in_progress': '进行中',
  'action.status.done': '已完成',
  'action.status.blocked': '受阻',

  // ---------- start and join page ----------
  'start.heading': '发起会议',
  'start.hint': '你将成为会议的主持人。',
  'start.title': '标题',
  'start.goal': '目标',
  'start.goalHint': '请写成“动词 + 结果”，例如“确定第三季度的发布日期”。',
  'start.kind': '会议类型',
  'start.plannedMinutes': '计划时长（分钟）',
  'start.plannedMinutesHint': '1 到 1440。',
  'start.yourName': '你的姓名',
  'start.department': '你的部门',
  'start.submit': '开始会议',
  'start.failed': '无法发起会议：{reason}',
  'join.heading': '加入会议',
  'join.hint': '请使用主持人分享的会议代码。',
  'join.code': '会议代码',
  'join.codeHint': '6 个字符，例如 26LUTR。',
  'join.yourName': '你的姓名',
  'join.department': '你的部门',
  'join.as': '加入身份',
  'join.submit': '加入会议',
  'join.failed': '无法加入会议：{reason}',
  'join.shareCode': '会议代码 — 请分享给参会者',
  'join.shareLink': '或分享此链接：',
  'session.yourMeeting': '你的会议',
  'session.roomId': '会议室 ID',
  'session.youAre': '你的身份',
  'session.openRoom': '进入会议室',
  'session.forget': '在此标签页中忘记这个会议',
  'form.required': '请填写{field}。',
  'form.range': '{field}必须是 {min} 到 {max} 之间的整数。',
  'form.tooLong': '{field}过长（最多 {max} 个字符）。',

  // ---------- errors (ErrorCode.java) ----------
  'error.BAD_JSON': '无法读取请求。请刷新页面后重试。',
  'error.UNKNOWN_COMMAND': '服务器无法识别此操作。请刷新页面以获取最新版本。',
  'error.INVALID_FIELD': '部分信息缺失或无效。',
  'error.TOO_LARGE': '内容过长。',
  'error.UNAUTHORIZED': '你的会话已过期或无效。请重新加入会议。',
  'error.FORBIDDEN': '你的角色无权执行此操作。',
  'error.WRONG_ROOM': '你的访问凭证属于另一个会议室。',
  'error.ROOM_NOT_FOUND': '没有与此代码对应的会议。请检查代码后重试。',
  'error.ROOM_EXISTS': '该会议室已存在。',
  'error.NOT_FOUND': '未找到。',
  'error.ITEM_NOT_FOUND': '该议题已不存在。',
  'error.NOTE_NOT_FOUND': '该便签已不存在。',
  'error.CLUSTER_NOT_FOUND': '该分组已不存在。',
  'error.MOTION_NOT_FOUND': '该表决事项已不存在。',
  'error.ACTION_ITEM_NOT_FOUND': '该行动项已不存在。',
  'error.POINT_NOT_FOUND': '该暂存议题已不存在。',
  'error.MINUTES_FINALIZED': '会议纪要已定稿，无法再修改。',
  'error.PARTICIPANT_NOT_FOUND': '此人不在会议中。',
  'error.STALE_VERSION': '其他人刚刚修改了此内容。已显示最新版本，请重试。',
  'error.INVALID_STATE': '当前无法执行此操作。',
  'error.MEETING_ENDED': '会议已结束。',
  'error.LIMIT_REACHED': '已达到数量上限。',
  'error.RATE_LIMITED': '操作过于频繁。请稍候再试。',
  'error.UNAVAILABLE': '会议室繁忙或暂时不可用。请稍后重试。',
  'error.INTERNAL': '服务器出错了。请重试。',
  'error.NETWORK': '无法连接 Roundtable 服务器。请检查网络后重试。',
  'error.UNREADABLE': '服务器返回了本页面无法读取的内容。',
  'error.UNKNOWN': '出了点问题。请重试。',
};

const catalogs = { en: { ...EN }, 'zh-CN': { ...ZH } };
const listeners = new Set();
let current = DEFAULT_LOCALE;

/** 'zh', 'zh-Hans', 'zh-TW', 'ZH_cn' … → 'zh-CN'; 'en', 'en-GB' … → 'en'; anything else → null. */
export function normalizeLocale(tag) {
  if (typeof tag !== 'string') return null;
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  return null;
}

/**
 * The locale to start with: the stored choice if it is supported, else the first of `languages` that is
 * Chinese or English, else English. Pure, for tests; the module calls it with localStorage and navigator.
 */
export function detectLocale({ stored = null, languages = [] } = {}) {
  const chosen = normalizeLocale(stored);
  if (chosen) return chosen;
  for (const language of languages || []) {
    const supported = normalizeLocale(language);
    if (supported) return supported;
  }
  return DEFAULT_LOCALE;
}

function readStored() {
  try {
    return globalThis.localStorage ? globalThis.localStorage.getItem(STORAGE_KEY) : null;
  } catch {
    return null; // storage disabled
  }
}

function browserLanguages() {
  const nav = globalThis.navigator;
  if (!nav) return [];
  if (Array.isArray(nav.languages) && nav.languages.length) return nav.languages;
  return nav.language ? [nav.language] : [];
}

function markDocument() {
  const root = globalThis.document && globalThis.document.documentElement;
  if (root) root.lang = current;
}

current = detectLocale({ stored: readStored(), languages: browserLanguages() });
markDocument();

/** The current locale: 'en' or 'zh-CN'. */
export function locale() {
  return current;
}

/**
 * Switches the UI language and remembers the choice in localStorage. Accepts any tag normalizeLocale
 * understands; throws a RangeError for an unsupported one. Listeners are told only on an actual change.
 * Returns the locale now in effect.
 */
export function setLocale(tag) {
  const next = normalizeLocale(tag);
  if (!next) throw new RangeError(`unsupported locale ${String(tag)}; use one of ${LOCALES.join(', ')}`);
  try {
    if (globalThis.localStorage) globalThis.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  if (next !== current) {
    current = next;
    markDocument();
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }
  return current;
}

/** listener(locale) after every change of locale; returns a function that unsubscribes. */
export function onLocaleChange(listener) {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function lookup(loc, key) {
  const catalog = catalogs[loc];
  return catalog && Object.prototype.hasOwnProperty.call(catalog, key) ? catalog[key] : undefined;
}

const pluralRules = new Map();
function pluralCategory(loc, n) {
  if (!pluralRules.has(loc)) pluralRules.set(loc, new Intl.PluralRules(loc));
  return pluralRules.get(loc).select(n);
}

/**
 * The string for key in the current locale (or in `options.locale`), with {name} placeholders replaced by
 * params[name]. Missing in the locale → English → the key itself.
 */
export function t(key, params, options) {
  const loc = (options && normalizeLocale(options.locale)) || current;
  let value = lookup(loc, key);
  let valueLocale = loc;
  if (value === undefined && loc !== DEFAULT_LOCALE) {
    value = lookup(DEFAULT_LOCALE, key);
    valueLocale = DEFAULT_LOCALE;
  }
  if (value === undefined) return String(key);
  if (typeof value === 'object' && value !== null) {
    const n = params && typeof params.n === 'number' ? params.n : NaN;
    const category = Number.isFinite(n) ? pluralCategory(valueLocale, n) : 'other';
    value = value[category] ?? value.other ?? Object.values(value)[0];
  }
  return interpolate(String(value), params);
}

function interpolate(text, params) {
  if (!params) return text;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (match, name) =>
    Object.prototype.hasOwnProperty.call(params, name) && params[name] !== undefined && params[name] !== null
      ? String(params[name]) : match);
}

/** Whether key has a string of its own in loc (default: the current locale), without fallback. */
export function hasKey(key, loc = current) {
  return lookup(normalizeLocale(loc) || loc, key) !== undefined;
}

/** All keys of one locale's catalogue (default English). */
export function messageKeys(loc = DEFAULT_LOCALE) {
  return Object.keys(catalogs[normalizeLocale(loc) || loc] || {});
}

/** Adds or overrides strings of one locale (e.g. for a view's own strings). */
export function addStrings(loc, strings) {
  const target = normalizeLocale(loc);
  if (!target) throw new RangeError(`unsupported locale ${String(loc)}`);
  Object.assign(catalogs[target], strings);
}

/**
 * A friendly message for a protocol error code (ErrorCode.java) or an error object with a `code`, in the
 * current locale; unknown codes get a generic message.
 */
export function errorMessage(codeOrError) {
  const code = codeOrError && typeof codeOrError === 'object' ? codeOrError.code : codeOrError;
  const key = `error.${code}`;
  return lookup(current, key) !== undefined || lookup(DEFAULT_LOCALE, key) !== undefined ? t(key) : t('error.UNKNOWN');
}

/**
 * Fills in the static text of a page: every element under root with data-i18n="key" gets t(key) as its text,
 * and data-i18n-placeholder / -title / -aria-label set those attributes. Call again after setLocale.
 */
export function localize(root = globalThis.document) {
  if (!root || typeof root.querySelectorAll !== 'function') return;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const [data, attribute] of [['i18nPlaceholder', 'placeholder'], ['i18nTitle', 'title'], ['i18nAriaLabel', 'aria-label']]) {
    const selector = `[data-${data.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`;
    for (const el of root.querySelectorAll(selector)) el.setAttribute(attribute, t(el.dataset[data]));
  }
}
