from collections import defaultdict

from odoo import api, fields, models, tools
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.sql import create_index, drop_index


class ShaqraLiaisonAccessMixin(models.AbstractModel):
    """Who handles a record as liaison officer (policy F1, E2).

    A record is handled by its own liaison officer (``liaison_user_id``) and
    by the officer and the backup officer of the liaison assignment of its
    category and field of work. Record rules search on
    ``officer_user_ids``; the search is computed from the assignments (kept
    in a cache that a new or changed assignment, or a new user for an
    officer, clears), so a change takes effect at once, without recomputing
    stored values on every beneficiary.

    Models using the mixin have ``category_id``, ``field_id`` and
    ``company_id`` fields, and compute their liaison officer in
    ``_compute_liaison_officer_id`` (from the assignment of their category
    and field of work).
    """

    _name = "shaqra.liaison.access.mixin"
    _description = "Liaison Officer Access"

    liaison_officer_id = fields.Many2one(
        "hr.employee",
        string="Liaison Officer",
        compute="_compute_liaison_officer_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
    )
    liaison_user_id = fields.Many2one(
        related="liaison_officer_id.user_id", store=True, string="Liaison Officer User"
    )

    officer_user_ids = fields.Many2many(
        "res.users",
        string="Handling Officers",
        compute="_compute_officer_user_ids",
        search="_search_officer_user_ids",
        help="The liaison officer of the record and the officer and backup officer of "
        "the assignment of its category and field of work (policy F1).",
    )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def init(self):
        super().init()
        if self._abstract or not self._auto:
            return
        # The record rules of reception (create_uid) and of the liaison
        # officers (liaison_user_id, category x field of work) are ORs on
        # these columns: with an index on each, PostgreSQL combines them
        # (BitmapOr) instead of scanning the whole table for every kanban
        # column and count (100,000 requests: 36 ms -> 0.6 ms per column).
        # A model with stages is read one kanban column (stage) at a time:
        # the stage ends each index, so that each branch of the OR reads the
        # column's rows only, instead of ANDing with the whole stage's rows
        # (100,000 requests, an officer's column: 5.7 ms -> 0.9 ms).
        stage = self._fields.get("stage_id")
        with_stage = bool(stage and stage.store and stage.column_type)
        for name, columns in (
            ("create_uid", ["create_uid"]),
            ("liaison_user_id", ["liaison_user_id"]),
            ("category_field", ["category_id", "field_id"]),
        ):
            if with_stage:
                drop_index(self.env.cr, f"{self._table}__shaqra_{name}_index", self._table)
                name, columns = f"{name}_stage", [*columns, "stage_id"]
            elif len(columns) == 1 and self._fields[columns[0]].index:
                continue
            create_index(
                self.env.cr,
                f"{self._table}__shaqra_{name}_index",
                self._table,
                [f'"{column}"' for column in columns],
            )

    def _check_access(self, operation):
        """The record rules checked with one indexed query on the ids.

        Odoo checks the rules of records already in memory (reading a
        one2many such as the activities of a kanban card, or the documents
        of those activities) in Python: for the liaison officers' rule that
        computes ``officer_user_ids`` on every record, a third of the CPU of
        a kanban column. The same domain searched in SQL on the records'
        ids says the same (the fields it uses are flushed first); when a
        record does not pass, Odoo's own check decides and builds the error.
        Only where no override after this one in the model's classes adds a
        check of its own (e.g. the ethics concerns of the complaints), which
        returning early would skip.
        """
        ids = self._ids
        if (
            ids
            and not self.env.su
            and self._shaqra_sql_rule_check_applies()
            and all(isinstance(id_, int) for id_ in ids)
            and self.env["ir.model.access"].check(self._name, operation, raise_exception=False)
        ):
            domain = self.env["ir.rule"]._compute_domain(self._name, operation)
            if not domain:
                return None
            query = (
                self.sudo()
                .with_context(active_test=False)
                ._search(expression.AND([[("id", "in", list(ids))], domain]))
            )
            if set(query) >= set(ids):
                return None
        return super()._check_access(operation)

    @api.model
    def _shaqra_sql_rule_check_applies(self):
        cls = type(self)
        applies = cls.__dict__.get("_shaqra_sql_rule_check")
        if applies is None:
            mro = cls.__mro__
            after = mro[mro.index(ShaqraLiaisonAccessMixin) + 1 :]
            applies = not any(
                "_check_access" in klass.__dict__
                for klass in after
                if klass is not models.BaseModel
            )
            cls._shaqra_sql_rule_check = applies
        return applies

    @api.model
    @tools.ormcache()
    def _shaqra_assignment_rows(self):
        """The active liaison assignments as (category, field of work, company,
        officer user, backup officer user) ids.

        Every search and every access check of a liaison officer needs them
        (the record rule), so they are cached; shaqra.liaison.assignment and
        hr.employee (a new user for an officer) clear the cache when they
        change.
        """
        Assignment = self.env["shaqra.liaison.assignment"]
        Assignment.flush_model(
            ["category_id", "field_id", "company_id", "user_id", "backup_user_id", "active"]
        )
        self.env.cr.execute(
            SQL(
                "SELECT category_id, field_id, company_id, user_id, backup_user_id"
                " FROM %s WHERE active ORDER BY id",
                SQL.identifier(Assignment._table),
            )
        )
        return tuple(self.env.cr.fetchall())

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("liaison_user_id", "category_id", "field_id", "company_id")
    def _compute_officer_user_ids(self):
        # Without a search: every access check evaluates the record rules on
        # the records it checks (filtered_domain), so this runs on each page
        # of a kanban or list.
        by_field = defaultdict(set)
        by_category = defaultdict(set)
        for category_id, field_id, company_id, *user_ids in self._shaqra_assignment_rows():
            users = {user_id for user_id in user_ids if user_id}
            by_field[category_id, company_id, field_id] |= users
            by_category[category_id, company_id] |= users
        # Records with the same officers are assigned at once: assigning an
        # x2many value record by record costs more than the rest here.
        groups = defaultdict(list)
        for record in self:
            key = (record.category_id.id, record.company_id.id)
            # A record without a field of work belongs to every officer of
            # its category (see _search_officer_user_ids).
            users = by_field[(*key, record.field_id.id)] if record.field_id else by_category[key]
            users = users | {record.liaison_user_id.id} if record.liaison_user_id else users
            groups[tuple(sorted(users))].append(record.id)
        for user_ids, record_ids in groups.items():
            self.browse(record_ids).officer_user_ids = self.env["res.users"].browse(user_ids)

    @api.model
    def _search_officer_user_ids(self, operator, value):
        if operator not in ("in", "="):
            raise NotImplementedError(
                self.env._("Only 'in' and '=' searches on the handling officers are supported.")
            )
        user_ids = [value] if isinstance(value, int) else list(value)
        # The assignments are read whatever the officer's own right to read
        # the assignment table: the rule must not depend on it.
        # One branch per company and field of work (category IN ...), and one
        # per company for the records without a field of work, which belong to
        # every officer of their category: few branches whatever the number of
        # assignments, each served by the indexes on category, field and
        # company (this domain is the liaison officers' record rule).
        categories_by_field = defaultdict(set)
        categories_by_company = defaultdict(set)
        for category_id, field_id, company_id, *officers in self._shaqra_assignment_rows():
            if not set(officers) & set(user_ids):
                continue
            categories_by_field[company_id, field_id].add(category_id)
            categories_by_company[company_id].add(category_id)
        domains = [[("liaison_user_id", "in", user_ids)]]
        for (company_id, field_id), category_ids in sorted(categories_by_field.items()):
            domains.append(
                [
                    ("field_id", "=", field_id),
                    ("category_id", "in", sorted(category_ids)),
                    ("company_id", "=", company_id),
                ]
            )
        for company_id, category_ids in sorted(categories_by_company.items()):
            domains.append(
                [
                    ("field_id", "=", False),
                    ("category_id", "in", sorted(category_ids)),
                    ("company_id", "=", company_id),
                ]
            )
        return expression.OR(domains)
