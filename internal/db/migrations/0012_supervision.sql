-- Supervision (督查督办): tasks from meetings, documents and leaders'
-- instructions, given to a lead unit with cooperating units, reported on
-- and closed (销号) with the office's approval; and enterprise requests
-- (企业诉求) routed to a unit, answered, closed and rated by the firm.

CREATE TABLE tasks (
    id              {{id}},
    code            TEXT NOT NULL UNIQUE,
    -- Where the task comes from: meeting, document or instruction, with
    -- the meeting's or document's title, its number (纪要号, 文号) and date.
    source_kind     TEXT NOT NULL CHECK (source_kind IN ('meeting', 'document', 'instruction')),
    source_title    TEXT NOT NULL,
    source_number   TEXT NOT NULL DEFAULT '',
    source_on       TEXT NOT NULL,
    content         TEXT NOT NULL,
    lead_unit_id    BIGINT NOT NULL REFERENCES units(id),
    -- The responsible leader (责任领导): a user when the leader has an
    -- account, whose list an escalated task reaches; the name always.
    leader_user_id  BIGINT REFERENCES users(id),
    leader_name     TEXT NOT NULL DEFAULT '',
    deadline        TEXT NOT NULL,
    frequency       TEXT NOT NULL CHECK (frequency IN ('weekly', 'biweekly', 'monthly', 'once')),
    -- open → closing (销号 requested) → closed; closing → open when the
    -- office refuses; closed → open when reopened with a reason.
    status          TEXT NOT NULL CHECK (status IN ('open', 'closing', 'closed')),
    -- The day the lead unit asked to close the task, which is the day it
    -- finished it: what "on time" compares with the deadline. Kept when
    -- the office approves, cleared when it refuses or the task reopens.
    closing_on      TEXT NOT NULL DEFAULT '',
    closed_on       TEXT NOT NULL DEFAULT '',
    reopened        INTEGER NOT NULL DEFAULT 0,
    created_at      {{ts}} NOT NULL,
    updated_at      {{ts}} NOT NULL
);
CREATE INDEX tasks_lead_unit ON tasks(lead_unit_id);
CREATE INDEX tasks_status ON tasks(status, deadline);
CREATE INDEX tasks_leader ON tasks(leader_user_id);

CREATE TABLE task_cooperators (
    task_id BIGINT NOT NULL REFERENCES tasks(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_cooperators_unit ON task_cooperators(unit_id);

-- The steps a task is planned in, each with its due day; done when the
-- lead unit reports it done.
CREATE TABLE task_milestones (
    id       {{id}},
    task_id  BIGINT NOT NULL REFERENCES tasks(id),
    seq      INTEGER NOT NULL,
    title    TEXT NOT NULL,
    due_on   TEXT NOT NULL,
    done_on  TEXT NOT NULL DEFAULT '',
    UNIQUE (task_id, seq)
);

-- The task's timeline: progress reports, closing requested, approved or
-- refused, reopened, deduction proposed. Who and when, with the text or
-- evidence and, for a closing's decision, the request it decides.
CREATE TABLE task_events (
    id          {{id}},
    task_id     BIGINT NOT NULL REFERENCES tasks(id),
    kind        TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    evidence    TEXT NOT NULL DEFAULT '',
    user_id     BIGINT REFERENCES users(id),
    actor       TEXT NOT NULL,
    record_id   BIGINT REFERENCES assessment_records(id),
    created_at  {{ts}} NOT NULL
);
CREATE INDEX task_events_task ON task_events(task_id, happened_on);

-- Enterprise requests (企业诉求, 一次办好).
CREATE TABLE requests (
    id               {{id}},
    code             TEXT NOT NULL UNIQUE,
    firm_name        TEXT NOT NULL,
    credit_code      TEXT NOT NULL DEFAULT '',
    contact          TEXT NOT NULL,
    phone            TEXT NOT NULL,
    category         TEXT NOT NULL,
    content          TEXT NOT NULL,
    -- office: logged by the office; public: sent through the public form.
    source           TEXT NOT NULL CHECK (source IN ('office', 'public')),
    received_on      TEXT NOT NULL,
    -- new → assigned → answered → closed.
    status           TEXT NOT NULL CHECK (status IN ('new', 'assigned', 'answered', 'closed')),
    unit_id          BIGINT REFERENCES units(id),
    assigned_on      TEXT NOT NULL DEFAULT '',
    deadline         TEXT NOT NULL DEFAULT '',
    answer           TEXT NOT NULL DEFAULT '',
    answered_on      TEXT NOT NULL DEFAULT '',
    closed_on        TEXT NOT NULL DEFAULT '',
    -- The firm's rating through a one-time link: the SHA-256 of its token
    -- until it is used, then the rating (1–5) and its comment.
    rating_token     TEXT NOT NULL DEFAULT '',
    rating           INTEGER NOT NULL DEFAULT 0,
    rating_comment   TEXT NOT NULL DEFAULT '',
    rated_on         TEXT NOT NULL DEFAULT '',
    created_at       {{ts}} NOT NULL,
    updated_at       {{ts}} NOT NULL
);
-- The counts of a list (by unit and status: overdue, on time, rated) are
-- read from this index alone, without the requests' text.
CREATE INDEX requests_unit ON requests(unit_id, status, deadline, answered_on, rating, received_on);
CREATE INDEX requests_received ON requests(received_on);

-- What happened to a request, in order.
CREATE TABLE request_events (
    id          {{id}},
    request_id  BIGINT NOT NULL REFERENCES requests(id),
    kind        TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    actor       TEXT NOT NULL,
    created_at  {{ts}} NOT NULL
);
CREATE INDEX request_events_request ON request_events(request_id);

-- The public form's sends by address, to limit a flood without a CAPTCHA;
-- the address is kept as a keyed hash, never as typed.
CREATE TABLE request_sends (
    address_hash TEXT NOT NULL,
    sent_at      {{ts}} NOT NULL
);
CREATE INDEX request_sends_address ON request_sends(address_hash, sent_at);
