using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forlop.App.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrackingListCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_episodes_open_list",
                table: "episodes",
                columns: new[] { "hf", "next_deadline", "id", "pathway", "next_point", "seniority_date", "first_attendance_date", "decision_date", "patient_id", "unit", "state", "start_date", "findings" },
                filter: "next_deadline IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_episodes_open_list",
                table: "episodes");
        }
    }
}
