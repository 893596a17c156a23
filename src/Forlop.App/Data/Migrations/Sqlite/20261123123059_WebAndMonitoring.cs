using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forlop.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WebAndMonitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "name",
                table: "patients",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "findings",
                table: "episodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "last_event_date",
                table: "episodes",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "next_deadline",
                table: "episodes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "next_point",
                table: "episodes",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit",
                table: "episodes",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "api_clients",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_clients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "episode_assignments",
                columns: table => new
                {
                    episode_id = table.Column<long>(type: "INTEGER", nullable: false),
                    coordinator = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    assigned_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    assigned_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_episode_assignments", x => x.episode_id);
                });

            migrationBuilder.CreateTable(
                name: "new_cancer_cases",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    hf = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_new_cancer_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "period_locks",
                columns: table => new
                {
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    locked_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_period_locks", x => x.period);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    units = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.user_name);
                });

            migrationBuilder.CreateIndex(
                name: "ix_episodes_hf_next_deadline",
                table: "episodes",
                columns: new[] { "hf", "next_deadline" });

            migrationBuilder.CreateIndex(
                name: "ix_api_clients_token_hash",
                table: "api_clients",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_new_cancer_cases_hf_from",
                table: "new_cancer_cases",
                columns: new[] { "hf", "from" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_clients");

            migrationBuilder.DropTable(
                name: "episode_assignments");

            migrationBuilder.DropTable(
                name: "new_cancer_cases");

            migrationBuilder.DropTable(
                name: "period_locks");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropIndex(
                name: "ix_episodes_hf_next_deadline",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "name",
                table: "patients");

            migrationBuilder.DropColumn(
                name: "findings",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "last_event_date",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "next_deadline",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "next_point",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "unit",
                table: "episodes");
        }
    }
}
