using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forlop.App.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FhirLastUpdated : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_events_recorded_at",
                table: "events",
                column: "recorded_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_events_recorded_at",
                table: "events");
        }
    }
}
