import { SimpleGrid, Stack } from '@mantine/core';
import { DefaultRole, Permission } from '@shala/contracts';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { HealthCard } from '../../health/components/health-card';
import { AccountantDashboard } from './accountant-dashboard';
import { AdminDashboard } from './admin-dashboard';
import { FamilyDashboard } from './family-dashboard';
import { OperatorDashboard } from './operator-dashboard';
import { TeacherDashboard } from './teacher-dashboard';

/**
 * The dashboards of the caller's roles, each one request. System status (HealthCard) is the operator's
 * only: parents, teachers and students never see it.
 */
export function RoleDashboards() {
  const { roles, permissions } = useCurrentUser();
  const has = (role: DefaultRole) => roles.includes(role);
  const operator = permissions.includes(Permission.PlatformInstitutionsManage);
  const admin = has(DefaultRole.SchoolAdmin);
  const accountant = has(DefaultRole.Accountant) && permissions.includes(Permission.FeesRead);
  const teacher = has(DefaultRole.Teacher) && permissions.includes(Permission.AttendanceMark);
  const student = has(DefaultRole.Student);
  const family = has(DefaultRole.Parent) || student;
  return (
    <Stack gap="xl">
      {operator ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <HealthCard />
        </SimpleGrid>
      ) : null}
      {operator ? <OperatorDashboard /> : null}
      {admin ? <AdminDashboard /> : null}
      {accountant ? <AccountantDashboard /> : null}
      {teacher ? <TeacherDashboard /> : null}
      {family ? <FamilyDashboard self={student && !has(DefaultRole.Parent)} /> : null}
    </Stack>
  );
}
