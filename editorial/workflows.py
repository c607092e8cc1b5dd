"""Workflows the clinic makes mandatory.

Wagtail lets anyone with publish permission publish a page directly, even under a workflow: the workflow is then
an offer, not a rule. For pages where a check is required (treatment pages go through a medical review), a page
type returns `WorkflowRequiredPermissionTester` from `permissions_for_user`: under an active workflow, only the
workflow publishes (when its last task is approved), and superusers keep the direct way for emergencies.
"""

from wagtail.models import PagePermissionTester, Workflow, WorkflowPage


class ClinicPagePermissionTester(PagePermissionTester):
    """Wagtail lets anyone who may edit delete a page that is not live, e.g. a draft translation. Here deleting is
    for those who may publish: Translators fill in text and never remove a page."""

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and (self.user.is_superuser or "publish" in self.permissions)


class WorkflowRequiredPermissionTester(ClinicPagePermissionTester):
    def can_publish(self):
        return super().can_publish() and self._outside_workflow()

    def can_publish_subpage(self):
        # Creating a page and publishing it in one go would skip the workflow of its parent.
        return super().can_publish_subpage() and self._outside_workflow()

    def _outside_workflow(self):
        return self.user.is_superuser or not self.page.has_workflow


def assign_workflow(page, workflow_name):
    """Put `page` and its descendants under the named active workflow, unless it has one or none exists."""
    workflow = Workflow.objects.filter(name=workflow_name, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow
