using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forlop.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VersionedPublications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_period_locks",
                table: "period_locks");

            migrationBuilder.AddColumn<int>(
                name: "publication",
                table: "period_locks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "registry_version",
                table: "period_locks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // A lock made before publications were numbered is the period's first publication, of the rows recorded by then.
            migrationBuilder.Sql(
                "UPDATE period_locks SET publication = 1, registry_version = " +
                "COALESCE((SELECT MAX(e.id) FROM events e WHERE e.recorded_at <= period_locks.locked_at), 0)");

            migrationBuilder.AddPrimaryKey(
                name: "pk_period_locks",
                table: "period_locks",
                columns: new[] { "period", "publication" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_period_locks",
                table: "period_locks");

            migrationBuilder.DropColumn(
                name: "publication",
                table: "period_locks");

            migrationBuilder.DropColumn(
                name: "registry_version",
                table: "period_locks");

            migrationBuilder.AddPrimaryKey(
                name: "pk_period_locks",
                table: "period_locks",
                column: "period");
        }
    }
}
